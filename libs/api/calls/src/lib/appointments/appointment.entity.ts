import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import type { AppointmentStatus, ProductSummary } from '@callshop/contracts';
import { BaseEntity } from '@callshop/api/core';
import { Shop, User } from '@callshop/api/auth';

/** A customer's video call with a shop, booked for a slot. */
@Entity('appointments')
export class Appointment extends BaseEntity {
  @Column({ name: 'shop_id', type: 'uuid' })
  shopId!: string;

  @ManyToOne(() => Shop, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shop_id' })
  shop?: Shop;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: User;

  @Column({ name: 'product_id', type: 'uuid', nullable: true })
  productId!: string | null;

  /** The product as it was when booked. */
  @Column({ type: 'jsonb' })
  product!: ProductSummary;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  /** The end plus the shop's buffer when booked: the staff member's time it takes. */
  @Column({ name: 'occupied_until', type: 'timestamptz' })
  occupiedUntil!: Date;

  @Column({ type: 'varchar', length: 16, default: 'booked' })
  status!: AppointmentStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ name: 'cancelled_by', type: 'varchar', length: 16, nullable: true })
  cancelledBy!: 'customer' | 'shop' | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 500, nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'reschedule_count', type: 'integer', default: 0 })
  rescheduleCount!: number;

  /** The start time the reminder was sent for (a reschedule makes it stale). */
  @Column({ name: 'reminded_for', type: 'timestamptz', nullable: true })
  remindedFor!: Date | null;

  /** The latest call the customer started for it. */
  @Column({ name: 'call_id', type: 'uuid', nullable: true })
  callId!: string | null;

  @Column({ name: 'joined_at', type: 'timestamptz', nullable: true })
  joinedAt!: Date | null;
}
