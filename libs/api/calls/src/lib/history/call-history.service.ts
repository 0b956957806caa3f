import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { CallDto, CallHistoryItem, CallSummaryDto, Page, ShopContactDto } from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';
import { CallsRepository } from '../data/calls.repository';
import type { CallRecord } from '../model/call.mapper';
import { participation } from '../model/call-state';
import { PresenceService } from '../presence/presence.service';
import { DEFAULT_PAGE_SIZE, type CallHistoryQueryDto } from '../http/dto/call-history-query.dto';

/** At most this many contacts are listed. */
const MAX_CONTACTS = 500;

/**
 * Reading calls: a party's view of one call, history, a connecting device's live and ringing
 * calls, the seller console's badges, and the customers a shop may call back.
 */
@Injectable()
export class CallHistory {
  constructor(
    private readonly repo: CallsRepository,
    private readonly presence: PresenceService,
  ) {}

  /** One call, for its parties only (404 for everyone else, never revealing that it exists). */
  async get(user: AuthUser, callId: string): Promise<CallDto> {
    const record = await this.repo.find(callId);
    if (!record || !participation(record, user)) throw new NotFoundException(`Call ${callId} not found`);
    return record.call;
  }

  /** The user's live call: a customer's, or the one a staff member placed or answered. */
  liveCallOf(user: AuthUser): Promise<CallRecord | null> {
    return this.repo.liveCallOf(user);
  }

  /** For a connecting device: the user's live call, and the calls that should ring on it. */
  async sessionCalls(user: AuthUser): Promise<{ active: CallRecord | null; ringing: CallRecord[] }> {
    const records = await this.repo.liveCallsFor(user);
    if (user.role === 'customer') {
      return {
        active: records[0] ?? null,
        ringing: records.filter((r) => r.call.status === 'ringing' && r.initiatedBy === 'shop'),
      };
    }
    return {
      active: records.find((r) => r.staffId === user.id) ?? null,
      ringing: records.filter(
        (r) =>
          r.call.status === 'ringing' &&
          r.initiatedBy === 'customer' &&
          !r.staffId &&
          // Declined by this staff member: it rings on for colleagues only.
          !r.declinedStaff.includes(user.id),
      ),
    };
  }

  /** Shops this customer has contacted (they may see the customer's online status). */
  contactedShops(customerId: string): Promise<string[]> {
    return this.repo.contactedShops(customerId);
  }

  async list(user: AuthUser, q: CallHistoryQueryDto): Promise<Page<CallHistoryItem>> {
    const page = q.page ?? 1;
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const mine = user.role === 'customer' ? 'customer' : 'shop';
    // A seller account without a shop has no calls.
    if (mine === 'shop' && !user.shopId) return { items: [], total: 0, page, limit };
    const { records, total } = await this.repo.history({
      owner: user.shopId ? { shopId: user.shopId } : { customerId: user.id },
      status: q.status,
      direction: q.direction,
      from: q.from,
      to: q.to,
      offset: (page - 1) * limit,
      limit,
    });
    return {
      items: records.map(({ call }) => ({
        ...call,
        direction: call.initiatedBy === mine ? 'outgoing' : 'incoming',
      })),
      total,
      page,
      limit,
    };
  }

  async summary(user: AuthUser): Promise<CallSummaryDto> {
    if (!user.shopId) throw new ForbiddenException('Only sellers have a call summary');
    return this.repo.shopSummary(user.shopId);
  }

  /** Customers who contacted the shop (whom its staff may call back), most recent first. */
  async contacts(user: AuthUser): Promise<ShopContactDto[]> {
    if (!user.shopId) throw new ForbiddenException('Only sellers have contacts');
    const rows = await this.repo.contacts(user.shopId, MAX_CONTACTS);
    const online = await this.presence.onlineUsers(rows.map((r) => r.id));
    return rows.map((r) => ({
      customer: { id: r.id, name: r.name },
      phoneNumber: r.phone,
      lastContactAt: r.lastContactAt.toISOString(),
      online: online.has(r.id),
    }));
  }
}
