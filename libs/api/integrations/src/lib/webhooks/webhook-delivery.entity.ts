import { Column, Entity, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import type { WebhookDeliveryStatus, WebhookEventType } from '@callshop/contracts';
import { BaseEntity } from '@callshop/api/core';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** One event for one endpoint: the exact body sent (every attempt signs the same bytes). */
@Entity('webhook_deliveries')
export class WebhookDelivery extends BaseEntity {
  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId!: string;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id' })
  endpoint?: WebhookEndpoint;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'varchar', length: 40 })
  event!: WebhookEventType;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: WebhookDeliveryStatus;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'redelivery_of', type: 'uuid', nullable: true })
  redeliveryOf!: string | null;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'redelivery_of' })
  original?: WebhookDelivery | null;

  @OneToMany(() => WebhookAttempt, (a) => a.delivery)
  attempts?: WebhookAttempt[];
}
