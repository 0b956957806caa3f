import { Column, Entity, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import type { OrderStatus, PaymentMethod, PaymentStatus, ShippingAddress } from '@callshop/contracts';
import { BaseEntity } from '@callshop/api/core';
import { Shop, User } from '@callshop/api/auth';
import { Call } from '@callshop/api/calls';
import { OrderItem } from './order-item.entity';

/** bigint comes back from `pg` as a string; totals stay far below 2^53. */
const bigintAsNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * What one customer bought from one shop in one checkout. Status changes go through
 * `OrdersService.changeStatus()` only (`ORDER_TRANSITIONS`, one conditional UPDATE).
 */
@Entity('orders')
export class Order extends BaseEntity {
  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'customer_id' })
  customer?: User;

  @Column({ name: 'shop_id', type: 'uuid' })
  shopId!: string;

  @ManyToOne(() => Shop)
  @JoinColumn({ name: 'shop_id' })
  shop?: Shop;

  @Column({ type: 'varchar', length: 16 })
  status!: OrderStatus;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** Integer minor units. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  total!: number;

  @Column({ name: 'shipping_address', type: 'jsonb' })
  shippingAddress!: ShippingAddress;

  @Column({ name: 'payment_method', type: 'varchar', length: 24 })
  paymentMethod!: PaymentMethod;

  @Column({ name: 'payment_status', type: 'varchar', length: 8 })
  paymentStatus!: PaymentStatus;

  /** The connected call with the shop that led to this order, if any (`ORDER_ASSIST_WINDOW_HOURS`). */
  @Column({ name: 'assisted_by_call_id', type: 'uuid', nullable: true })
  assistedByCallId!: string | null;

  @ManyToOne(() => Call, { nullable: true })
  @JoinColumn({ name: 'assisted_by_call_id' })
  assistedByCall?: Call | null;

  @OneToMany(() => OrderItem, (item) => item.order, { cascade: ['insert'] })
  items!: OrderItem[];
}
