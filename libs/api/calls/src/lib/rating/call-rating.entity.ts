import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@callshop/api/core';

/** A customer's rating of a completed call (`call_ratings`); written by {@link CallRatings} only. */
@Entity('call_ratings')
export class CallRating extends BaseEntity {
  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'smallint' })
  stars!: number;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;
}
