import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CallHistoryItem, CallRatingDto, Page, RateCallRequest } from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';
import { CallsRepository } from '../data/calls.repository';
import { isFinalStatus, participation } from '../model/call-state';

interface Row {
  call_id: string;
  stars: number;
  comment: string | null;
  created_at: Date;
}

const toDto = (r: Row): CallRatingDto => ({
  stars: r.stars,
  comment: r.comment,
  createdAt: r.created_at.toISOString(),
});

/**
 * Ratings of calls: the customer of a call that connected and ended rates it once (1 to 5 stars,
 * an optional comment); both sides' history shows it.
 */
@Injectable()
export class CallRatings {
  constructor(
    private readonly calls: CallsRepository,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async rate(user: AuthUser, callId: string, body: RateCallRequest): Promise<CallRatingDto> {
    const record = await this.calls.find(callId);
    if (!record || !participation(record, user)) throw new NotFoundException(`Call ${callId} not found`);
    if (user.role !== 'customer') throw new ForbiddenException('Only the customer of a call rates it');
    if (!isFinalStatus(record.call.status) || !record.call.connectedAt) {
      throw new ConflictException('Only a call that connected and has ended can be rated');
    }
    const comment = body.comment?.trim() || null;
    const rows: Row[] = await this.db.query(
      `INSERT INTO call_ratings (call_id, customer_id, stars, comment) VALUES ($1, $2, $3, $4)
       ON CONFLICT (call_id) DO NOTHING
       RETURNING call_id, stars, comment, created_at`,
      [callId, user.id, body.stars, comment],
    );
    if (!rows[0]) throw new ConflictException('You rated this call already');
    return toDto(rows[0]);
  }

  /** The page with each call's rating (null where there is none), in one query. */
  async withRatings(page: Page<CallHistoryItem>): Promise<Page<CallHistoryItem>> {
    if (!page.items.length) return page;
    const rows: Row[] = await this.db.query(
      `SELECT call_id, stars, comment, created_at FROM call_ratings WHERE call_id = ANY($1::uuid[])`,
      [page.items.map((c) => c.id)],
    );
    const byCall = new Map(rows.map((r) => [r.call_id, toDto(r)]));
    return { ...page, items: page.items.map((c) => ({ ...c, rating: byCall.get(c.id) ?? null })) };
  }
}
