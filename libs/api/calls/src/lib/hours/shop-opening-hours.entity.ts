import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import type { OpeningSlot } from '@callshop/contracts';
import { BaseEntity } from '@callshop/api/core';
import { Shop } from '@callshop/api/auth';

/** A shop's weekly opening hours in its time zone, and its closure dates (one row per shop). */
@Entity('shop_opening_hours')
export class ShopOpeningHours extends BaseEntity {
  @Column({ name: 'shop_id', type: 'uuid' })
  shopId!: string;

  @ManyToOne(() => Shop, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shop_id' })
  shop?: Shop;

  /** IANA time zone the weekly times are in. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'jsonb' })
  weekly!: OpeningSlot[];

  /** `YYYY-MM-DD` dates, in the shop's time zone. */
  @Column({ type: 'jsonb' })
  closures!: string[];
}
