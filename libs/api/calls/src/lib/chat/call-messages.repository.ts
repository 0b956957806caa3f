import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  CallMessageDto,
  CallMessageKind,
  CallMessageSender,
  CallProductCard,
} from '@callshop/contracts';

/** A message to store; the call must still be `accepted` when it is written. */
export interface NewCallMessage {
  callId: string;
  senderId: string;
  sender: CallMessageSender;
  kind: CallMessageKind;
  clientId: string;
  text: string | null;
  product: CallProductCard | null;
}

export type InsertResult =
  | { outcome: 'stored' | 'duplicate'; message: CallMessageDto }
  /** The call is no longer `accepted` (it ended while the message was on its way). */
  | { outcome: 'not-live' }
  /** The call holds `perCall` messages already. */
  | { outcome: 'full' };

interface Row {
  id: string;
  call_id: string;
  kind: CallMessageKind;
  sender: CallMessageSender;
  sender_name: string;
  client_id: string;
  text: string | null;
  product: CallProductCard | null;
  created_at: Date;
}

const toDto = (r: Row): CallMessageDto => ({
  id: r.id,
  callId: r.call_id,
  kind: r.kind,
  sender: r.sender,
  senderName: r.sender_name,
  clientId: r.client_id,
  text: r.text,
  product: r.product,
  createdAt: r.created_at.toISOString(),
});

const SELECT = `
  SELECT m.id, m.call_id, m.kind, m.sender, u.name AS sender_name, m.client_id, m.text, m.product, m.created_at
  FROM call_messages m JOIN users u ON u.id = m.sender_id`;

/** Every query of call messages, by name. */
@Injectable()
export class CallMessagesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Stores a message in one statement that also checks the call is still `accepted` and under
   * `perCall` messages; the same sender's `clientId` again returns the stored message.
   */
  async insert(m: NewCallMessage, perCall: number): Promise<InsertResult> {
    const inserted: { id: string }[] = await this.db.query(
      `INSERT INTO call_messages (call_id, sender_id, sender, kind, client_id, text, product)
       SELECT $1::uuid, $2::uuid, $3, $4, $5::uuid, $6::text, $7::jsonb
       WHERE EXISTS (SELECT 1 FROM calls WHERE id = $1::uuid AND status = 'accepted')
         AND (SELECT count(*) FROM call_messages WHERE call_id = $1::uuid) < $8::int
       ON CONFLICT (call_id, sender_id, client_id) DO NOTHING
       RETURNING id`,
      [
        m.callId,
        m.senderId,
        m.sender,
        m.kind,
        m.clientId,
        m.text,
        m.product ? JSON.stringify(m.product) : null,
        perCall,
      ],
    );
    const rows: Row[] = await this.db.query(
      `${SELECT} WHERE m.call_id = $1 AND m.sender_id = $2 AND m.client_id = $3`,
      [m.callId, m.senderId, m.clientId],
    );
    if (rows[0]) return { outcome: inserted.length ? 'stored' : 'duplicate', message: toDto(rows[0]) };
    const live: unknown[] = await this.db.query(`SELECT 1 FROM calls WHERE id = $1 AND status = 'accepted'`, [
      m.callId,
    ]);
    return live.length ? { outcome: 'full' } : { outcome: 'not-live' };
  }

  /** A call's messages, oldest first. */
  async forCall(callId: string): Promise<CallMessageDto[]> {
    const rows: Row[] = await this.db.query(`${SELECT} WHERE m.call_id = $1 ORDER BY m.created_at, m.id`, [
      callId,
    ]);
    return rows.map(toDto);
  }
}
