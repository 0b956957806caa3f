import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '@callshop/api/core';
import { WebhookDelivery } from './webhook-delivery.entity';

/** One try at a delivery: the endpoint's status code and how long it took, or why it failed. */
@Entity('webhook_attempts')
export class WebhookAttempt extends BaseEntity {
  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId!: string;

  @ManyToOne(() => WebhookDelivery, (d) => d.attempts, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: WebhookDelivery;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  error!: string | null;
}
