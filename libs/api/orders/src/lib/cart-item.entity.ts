import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '@callshop/api/core';
import { Product } from '@callshop/api/products';

/** One product in a customer's cart. Unique per customer and product (the migration's constraint). */
@Entity('cart_items')
export class CartItem extends BaseEntity {
  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @ManyToOne(() => Product)
  @JoinColumn({ name: 'product_id' })
  product?: Product;

  @Column({ type: 'integer' })
  quantity!: number;
}
