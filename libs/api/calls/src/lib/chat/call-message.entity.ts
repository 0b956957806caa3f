import { Column, Entity } from 'typeorm';
import type { CallMessageKind, CallMessageSender, CallProductCard } from '@callshop/contracts';
import { BaseEntity } from '@callshop/api/core';

/**
 * A text message or a product card sent in a call (`call_messages`). Written and read by
 * {@link CallMessagesRepository} only; the entity describes the table for the schema check.
 */
@Entity('call_messages')
export class CallMessage extends BaseEntity {
  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @Column({ name: 'sender_id', type: 'uuid' })
  senderId!: string;

  @Column({ type: 'varchar', length: 8 })
  sender!: CallMessageSender;

  @Column({ type: 'varchar', length: 8 })
  kind!: CallMessageKind;

  /** The sending device's id for the message (a resend after a reconnect is the same message). */
  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  product!: CallProductCard | null;
}
