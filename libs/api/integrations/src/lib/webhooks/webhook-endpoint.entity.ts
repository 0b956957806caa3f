import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import type { WebhookEventType } from '@callshop/contracts';
import { BaseEntity } from '@callshop/api/core';
import { Shop } from '@callshop/api/auth';

/** A URL a shop's owner registered to receive some of its events, signed with `secret`. */
@Entity('webhook_endpoints')
export class WebhookEndpoint extends BaseEntity {
  @Column({ name: 'shop_id', type: 'uuid' })
  shopId!: string;

  @ManyToOne(() => Shop, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shop_id' })
  shop?: Shop;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description!: string | null;

  @Column({ type: 'text', array: true })
  events!: WebhookEventType[];

  /** The HMAC-SHA256 key; shown to the owner once, when the endpoint is created. */
  @Column({ type: 'varchar', length: 100 })
  secret!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;
}
