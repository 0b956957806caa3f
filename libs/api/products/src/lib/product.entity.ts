import { Column, DeleteDateColumn, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '@callshop/api/core';
import { Shop } from '@callshop/api/auth';

/** A product a shop sells. Deleting one keeps the row (soft delete) so call history keeps its context. */
@Entity('products')
export class Product extends BaseEntity {
  @Column({ name: 'shop_id', type: 'uuid' })
  shopId!: string;

  @ManyToOne(() => Shop)
  @JoinColumn({ name: 'shop_id' })
  shop!: Shop;

  @Column({ length: 200 })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** Integer minor units. */
  @Column({ type: 'integer' })
  price!: number;

  @Column({ type: 'char', length: 3, default: 'USD' })
  currency!: string;

  @Column({ type: 'integer', default: 0 })
  stock!: number;

  @Column({ type: 'varchar', length: 60, nullable: true })
  category!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  images!: string[];

  @DeleteDateColumn({ type: 'timestamptz', name: 'deleted_at' })
  deletedAt!: Date | null;
}
