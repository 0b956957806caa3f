import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import type { CallbackPreference, CallbackStatus } from '@callshop/contracts';
import { BaseEntity } from '@callshop/api/core';
import { Shop, User } from '@callshop/api/auth';

/** A customer's request that a shop call them back, optionally about a product. */
@Entity('callback_requests')
export class CallbackRequest extends BaseEntity {
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

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 8 })
  preference!: CallbackPreference;

  /** The number to call back on (given with the request, else the account's). */
  @Column({ name: 'phone_number', type: 'varchar', length: 32, nullable: true })
  phoneNumber!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: CallbackStatus;

  @Column({ name: 'handled_by_id', type: 'uuid', nullable: true })
  handledById!: string | null;

  @ManyToOne(() => User, { nullable: true })
  @JoinColumn({ name: 'handled_by_id' })
  handledBy?: User | null;

  @Column({ name: 'handled_at', type: 'timestamptz', nullable: true })
  handledAt!: Date | null;
}
