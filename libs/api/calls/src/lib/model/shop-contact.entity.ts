import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '@callshop/api/core';
import { Shop, User } from '@callshop/api/auth';

/**
 * What a call and a callback request share: a customer reaching a shop, optionally about a
 * product, which is copied into the row so the record outlives the product.
 */
export abstract class ShopContact extends BaseEntity {
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

  @Column({ name: 'product_id', type: 'uuid', nullable: true })
  productId!: string | null;

  @Column({ name: 'product_name', type: 'varchar', length: 200, nullable: true })
  productName!: string | null;

  @Column({ name: 'product_price', type: 'integer', nullable: true })
  productPrice!: number | null;

  @Column({ name: 'product_currency', type: 'char', length: 3, nullable: true })
  productCurrency!: string | null;

  @Column({ name: 'product_image', type: 'text', nullable: true })
  productImage!: string | null;
}
