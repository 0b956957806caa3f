import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import type { CallbackPreference, CallbackStatus } from '@callshop/contracts';
import { User } from '@callshop/api/auth';
import { ShopContact } from '../model/shop-contact.entity';

/** A customer's request that a shop call them back, optionally about a product. */
@Entity('callback_requests')
export class CallbackRequest extends ShopContact {
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

  /** The latest call a staff member placed from this request; when it is completed, the request is `called_back`. */
  @Column({ name: 'call_id', type: 'uuid', nullable: true })
  callId!: string | null;
}
