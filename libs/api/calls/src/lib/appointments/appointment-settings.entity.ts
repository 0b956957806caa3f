import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '@callshop/api/core';
import { Shop } from '@callshop/api/auth';

/** A shop's appointment rules (one row per shop; none: the defaults). */
@Entity('shop_appointment_settings')
export class ShopAppointmentSettings extends BaseEntity {
  @Column({ name: 'shop_id', type: 'uuid' })
  shopId!: string;

  @ManyToOne(() => Shop, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shop_id' })
  shop?: Shop;

  @Column({ name: 'slot_minutes', type: 'integer' })
  slotMinutes!: number;

  @Column({ name: 'buffer_minutes', type: 'integer' })
  bufferMinutes!: number;

  @Column({ type: 'integer' })
  capacity!: number;

  @Column({ name: 'reminder_lead_minutes', type: 'integer' })
  reminderLeadMinutes!: number;

  @Column({ name: 'change_cutoff_minutes', type: 'integer' })
  changeCutoffMinutes!: number;
}
