import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import type {
  CallEndReason,
  CallInitiator,
  CallQualitySummary,
  CallStatus,
  CallType,
} from '@callshop/contracts';
import { User } from '@callshop/api/auth';
import { ShopContact } from './shop-contact.entity';

/**
 * One call between a customer and a shop. Status changes go through
 * `CallStateMachine` only (`CallsRepository.transition()`, one conditional UPDATE); the product is copied into the row so history survives
 * the product's deletion.
 */
@Entity('calls')
export class Call extends ShopContact {
  /** The staff member who placed the call, or answered it. */
  @Column({ name: 'staff_id', type: 'uuid', nullable: true })
  staffId!: string | null;

  @ManyToOne(() => User, { nullable: true })
  @JoinColumn({ name: 'staff_id' })
  staff?: User | null;

  @Column({ type: 'varchar', length: 8 })
  type!: CallType;

  @Column({ name: 'initiated_by', type: 'varchar', length: 8 })
  initiatedBy!: CallInitiator;

  @Column({ type: 'varchar', length: 16 })
  status!: CallStatus;

  @Column({ name: 'end_reason', type: 'varchar', length: 24, nullable: true })
  endReason!: CallEndReason | null;

  /** Socket id of the caller's device bound to the call. */
  @Column({ name: 'caller_device_id', type: 'varchar', length: 64, nullable: true })
  callerDeviceId!: string | null;

  /** Socket id of the device that answered. */
  @Column({ name: 'callee_device_id', type: 'varchar', length: 64, nullable: true })
  calleeDeviceId!: string | null;

  /** Set while the caller's bound device is gone; the reconnect grace runs from here. */
  @Column({ name: 'caller_lost_at', type: 'timestamptz', nullable: true })
  callerLostAt!: Date | null;

  @Column({ name: 'callee_lost_at', type: 'timestamptz', nullable: true })
  calleeLostAt!: Date | null;

  @Column({ name: 'ring_deadline_at', type: 'timestamptz', nullable: true })
  ringDeadlineAt!: Date | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'duration_seconds', type: 'integer', nullable: true })
  durationSeconds!: number | null;

  /** Media first flowed both ways (the call connected). */
  @Column({ name: 'connected_at', type: 'timestamptz', nullable: true })
  connectedAt!: Date | null;

  /** Start of the current stretch with media flowing both ways; null while it does not. */
  @Column({ name: 'media_since', type: 'timestamptz', nullable: true })
  mediaSince!: Date | null;

  /** Connected time before `media_since`, in milliseconds. */
  @Column({ name: 'talk_ms', type: 'integer', default: 0 })
  talkMs!: number;

  /** The caller's device reports its incoming media flowing. */
  @Column({ name: 'caller_media', type: 'boolean', default: false })
  callerMedia!: boolean;

  @Column({ name: 'callee_media', type: 'boolean', default: false })
  calleeMedia!: boolean;

  /** Media stopped after the call connected; the reconnect grace runs from here. */
  @Column({ name: 'media_lost_at', type: 'timestamptz', nullable: true })
  mediaLostAt!: Date | null;

  /** An answered call that has not connected by then fails (`media_failed`). */
  @Column({ name: 'media_deadline_at', type: 'timestamptz', nullable: true })
  mediaDeadlineAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  quality!: CallQualitySummary | null;

  /**
   * The caller's offer and first candidates, sent while the call rang, held for the device that
   * answers (handed over with the answer, then cleared; cleared when the call ends).
   */
  @Column({ name: 'held_signals', type: 'jsonb', nullable: true, select: false })
  heldSignals!: unknown[] | null;

  /** Staff members who declined this customer's call while it rang (it rings on for the others). */
  @Column({ name: 'declined_staff', type: 'uuid', array: true, default: () => "'{}'" })
  declinedStaff!: string[];
}
