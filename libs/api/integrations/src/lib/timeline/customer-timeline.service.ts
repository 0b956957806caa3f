import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@callshop/api/auth';
import type {
  CallEndReason,
  CallNoteDto,
  CallStatus,
  CallType,
  CallbackPreference,
  CallbackStatus,
  CreateCallNoteRequest,
  CustomerTimeline,
  OrderStatus,
  TimelineItem,
} from '@callshop/contracts';
import type { Statement } from '../exports/export-queries';
import {
  addNoteStatement,
  contactStatement,
  notesStatement,
  timelineCallbacksStatement,
  timelineCallsStatement,
  timelineOrdersStatement,
  type CallNoteRow,
  type TimelineCallbackRow,
  type TimelineCallRow,
  type TimelineOrderRow,
} from './timeline-queries';

const noteDto = (n: CallNoteRow): CallNoteDto => ({
  id: n.id,
  callId: n.call_id,
  body: n.body,
  tags: n.tags,
  author: n.author_id ? { id: n.author_id, name: n.author_name ?? '' } : null,
  createdAt: n.created_at.toISOString(),
});

/**
 * One customer's history with the reader's shop (calls with the shop's private notes, callback
 * requests, orders) and the notes themselves. Only the shop's staff; a customer who never
 * contacted the shop, or a call of another shop, is a 404 (nothing said about its existence).
 */
@Injectable()
export class CustomerTimelineService {
  constructor(private readonly db: DataSource) {}

  async timeline(user: AuthUser, customerId: string): Promise<CustomerTimeline> {
    const shopId = this.shopOf(user);
    const [customer] = await this.run<{ id: string; name: string }>(contactStatement(shopId, customerId));
    if (!customer) throw new NotFoundException(`Customer ${customerId} has not contacted your shop`);
    const calls = await this.run<TimelineCallRow>(timelineCallsStatement(shopId, customerId));
    const notes = calls.length
      ? await this.run<CallNoteRow>(
          notesStatement(
            shopId,
            calls.map((c) => c.id),
          ),
        )
      : [];
    const callbacks = await this.run<TimelineCallbackRow>(timelineCallbacksStatement(shopId, customerId));
    const orders = await this.run<TimelineOrderRow>(timelineOrdersStatement(shopId, customerId));

    const items: TimelineItem[] = [
      ...calls.map((c): TimelineItem => ({
        kind: 'call',
        at: c.created_at.toISOString(),
        call: {
          id: c.id,
          direction: c.initiated_by === 'shop' ? 'outgoing' : 'incoming',
          type: c.type as CallType,
          status: c.status as CallStatus,
          endReason: c.end_reason as CallEndReason | null,
          staff: c.staff_id ? { id: c.staff_id, name: c.staff_name ?? '' } : null,
          product: c.product_name ? { id: c.product_id, name: c.product_name } : null,
          durationSeconds: c.duration_seconds,
        },
        notes: notes.filter((n) => n.call_id === c.id).map(noteDto),
      })),
      ...callbacks.map((r): TimelineItem => ({
        kind: 'callback',
        at: r.created_at.toISOString(),
        callback: {
          id: r.id,
          status: r.status as CallbackStatus,
          preference: r.preference as CallbackPreference,
          note: r.note,
          product: r.product_name ? { id: r.product_id, name: r.product_name } : null,
          handledAt: r.handled_at?.toISOString() ?? null,
        },
      })),
      ...orders.map((o): TimelineItem => ({
        kind: 'order',
        at: o.created_at.toISOString(),
        order: {
          id: o.id,
          status: o.status as OrderStatus,
          total: Number(o.total),
          currency: o.currency.trim(),
          items: o.items,
          assistedByCallId: o.assisted_by_call_id,
        },
      })),
    ];
    items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    return { customer, items };
  }

  async addNote(user: AuthUser, callId: string, body: CreateCallNoteRequest): Promise<CallNoteDto> {
    const shopId = this.shopOf(user);
    const tags = [...new Set((body.tags ?? []).map((t) => t.trim()))];
    const [note] = await this.run<CallNoteRow>(addNoteStatement(shopId, callId, user.id, body.body, tags));
    if (!note) throw new NotFoundException(`Call ${callId} not found`);
    return noteDto(note);
  }

  private shopOf(user: AuthUser): string {
    if (!user.shopId) throw new ForbiddenException("Only a shop's staff read its customers' timelines");
    return user.shopId;
  }

  private run<R>(s: Statement): Promise<R[]> {
    return this.db.query(s.sql, s.params);
  }
}
