import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '@callshop/api/core';
import { Order } from './order.entity';

/** One product line of an order: name, price and image copied at checkout. */
@Entity('order_items')
export class OrderItem extends BaseEntity {
  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @ManyToOne(() => Order, (order) => order.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;

  @Column({ name: 'product_id', type: 'uuid', nullable: true })
  productId!: string | null;

  @Column({ length: 200 })
  name!: string;

  /** Integer minor units, per unit, at checkout. */
  @Column({ type: 'integer' })
  price!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'text', nullable: true })
  image!: string | null;

  @Column({ type: 'integer' })
  quantity!: number;
}
