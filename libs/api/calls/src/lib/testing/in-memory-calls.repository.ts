import { randomUUID } from 'node:crypto';
import {
  LIVE_CALL_STATUSES,
  type CallInitiator,
  type CallQualitySample,
  type CallQualitySummary,
  type CallSideQuality,
  type CallStatus,
  type CallSummaryDto,
  type ProductSummary,
} from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';
import {
  CallsRepository,
  type CallBinding,
  type ContactRow,
  type CustomerCallCheck,
  type CustomerCallFacts,
  type HistoryFilter,
  type MediaChange,
  MAX_QUALITY_SAMPLES,
} from '../data/calls.repository';
import type { CallRecord } from '../model/call.mapper';
import { allowedFrom, ON_ENTER, type CallChange, type CallFilter, type CallSide } from '../model/call-state';
import type { NewCall } from '../model/new-call';
import type { FakeClock } from './fake-clock';

/** A call as stored: a new call's fields, then what its life adds. */
interface Row extends Omit<NewCall, 'status'> {
  id: string;
  calleeDeviceId: string | null;
  callerLostAt: number | null;
  calleeLostAt: number | null;
  ringDeadlineAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  durationSeconds: number | null;
  createdAt: number;
  status: CallStatus;
  connectedAt: number | null;
  mediaSince: number | null;
  talkMs: number;
  callerMedia: boolean;
  calleeMedia: boolean;
  mediaLostAt: number | null;
  mediaDeadlineAt: number | null;
  quality: CallQualitySummary | null;
  declinedStaff: string[];
  heldSignals: unknown[] | null;
  samples: { side: CallSide; at: number; sample: CallQualitySample }[];
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const isLive = (s: CallStatus) => LIVE_CALL_STATUSES.includes(s);

/**
 * Calls in memory, for unit tests of the services: the same contract as the PostgreSQL
 * repository (typed filters, transitions only along `CALL_TRANSITIONS` with the `ON_ENTER`
 * effects, one live call per customer), on a {@link FakeClock}. Longer than ~300 lines on
 * purpose: a test double of the whole `CallsRepository` contract in one place, so it changes
 * together with that contract.
 */
export class InMemoryCallsRepository extends CallsRepository {
  readonly rows: Row[] = [];
  /** Names the calls show, and the shops and products the checks look up. */
  readonly names = new Map<string, string>();
  readonly shops = new Set<string>();
  readonly products = new Map<string, ProductSummary & { shopId: string }>();
  /** Customers who asked a shop for a callback (`shopId:customerId`). */
  readonly callbackRequests = new Set<string>();

  constructor(private readonly clock: FakeClock) {
    super();
  }

  private record(r: Row): CallRecord {
    return {
      call: {
        id: r.id,
        type: r.type,
        status: r.status,
        endReason: r.endReason,
        initiatedBy: r.initiatedBy,
        customer: { id: r.customerId, name: this.names.get(r.customerId) ?? '' },
        shop: { id: r.shopId, name: this.names.get(r.shopId) ?? '', isPlatform: false },
        staff: r.staffId ? { id: r.staffId, name: this.names.get(r.staffId) ?? '' } : null,
        product: r.product,
        createdAt: iso(r.createdAt) as string,
        ringDeadlineAt: iso(r.ringDeadlineAt),
        answeredAt: iso(r.answeredAt),
        endedAt: iso(r.endedAt),
        connectedAt: iso(r.connectedAt),
        durationSeconds: r.durationSeconds,
        quality: r.quality,
      },
      customerId: r.customerId,
      shopId: r.shopId,
      staffId: r.staffId,
      initiatedBy: r.initiatedBy,
      callerDeviceId: r.callerDeviceId,
      calleeDeviceId: r.calleeDeviceId,
      callerLostAt: r.callerLostAt === null ? null : new Date(r.callerLostAt),
      calleeLostAt: r.calleeLostAt === null ? null : new Date(r.calleeLostAt),
      callerMedia: r.callerMedia,
      calleeMedia: r.calleeMedia,
      declinedStaff: [...r.declinedStaff],
    };
  }

  private newestFirst(rows: Row[]): Row[] {
    return [...rows].sort((a, b) => b.createdAt - a.createdAt);
  }

  async find(callId: string): Promise<CallRecord | null> {
    const row = this.rows.find((r) => r.id === callId);
    return row ? this.record(row) : null;
  }

  async findBinding(callId: string): Promise<CallBinding | null> {
    const row = this.rows.find((r) => r.id === callId);
    if (!row) return null;
    const {
      call,
      callerLostAt: _caller,
      calleeLostAt: _callee,
      callerMedia: _callerMedia,
      calleeMedia: _calleeMedia,
      ...binding
    } = this.record(row);
    return { ...binding, status: call.status };
  }

  async liveCallOf(user: AuthUser): Promise<CallRecord | null> {
    const mine = (r: Row) => (user.role === 'customer' ? r.customerId : r.staffId) === user.id;
    const row = this.newestFirst(this.rows.filter((r) => mine(r) && isLive(r.status)))[0];
    return row ? this.record(row) : null;
  }

  async customerInLiveCall(customerId: string): Promise<boolean> {
    return this.rows.some((r) => r.customerId === customerId && isLive(r.status));
  }

  async liveCallsFor(user: AuthUser): Promise<CallRecord[]> {
    const rows = this.rows.filter(
      (r) =>
        isLive(r.status) &&
        (user.role === 'customer'
          ? r.customerId === user.id
          : r.staffId === user.id ||
            (r.shopId === user.shopId && r.status === 'ringing' && r.initiatedBy === 'customer')),
    );
    return this.newestFirst(rows).map((r) => this.record(r));
  }

  async checkCustomerCalls(requests: CustomerCallCheck[]): Promise<CustomerCallFacts[]> {
    return requests.map((q) => ({
      shopExists: this.shops.has(q.shopId),
      product: this.products.get(q.productId) ?? null,
      callerLive: this.rows.some((r) => r.customerId === q.customerId && isLive(r.status)),
      busyStaff: q.staff.filter((s) => this.rows.some((r) => r.staffId === s && isLive(r.status))),
    }));
  }

  async insert(calls: NewCall[], ringTimeoutMs: number): Promise<(CallRecord | null)[]> {
    const now = this.clock.now();
    return calls.map((c) => {
      if (isLive(c.status) && this.rows.some((r) => r.customerId === c.customerId && isLive(r.status))) {
        return null; // the one-live-call-per-customer index
      }
      const ringing = c.status === 'ringing';
      const row: Row = {
        id: randomUUID(),
        customerId: c.customerId,
        shopId: c.shopId,
        staffId: c.staffId,
        product: c.product,
        type: c.type,
        initiatedBy: c.initiatedBy,
        status: c.status,
        endReason: c.endReason,
        callerDeviceId: ringing ? c.callerDeviceId : null,
        calleeDeviceId: null,
        callerLostAt: null,
        calleeLostAt: null,
        ringDeadlineAt: ringing ? now + ringTimeoutMs : null,
        answeredAt: null,
        endedAt: ON_ENTER[c.status].ended ? now : null,
        durationSeconds: null,
        createdAt: now,
        connectedAt: null,
        mediaSince: null,
        talkMs: 0,
        callerMedia: false,
        calleeMedia: false,
        mediaLostAt: null,
        mediaDeadlineAt: null,
        quality: null,
        declinedStaff: [],
        heldSignals: null,
        samples: [],
      };
      this.rows.push(row);
      return this.record(row);
    });
  }

  private matches(r: Row, f: CallFilter, now: number): boolean {
    if (f.callId !== undefined && r.id !== f.callId) return false;
    if (f.answerableBy) {
      const { userId, shopId } = f.answerableBy;
      const ok =
        (r.initiatedBy === 'customer' && r.shopId === shopId) ||
        (r.initiatedBy === 'shop' && r.customerId === userId);
      if (!ok) return false;
    }
    if (f.heldBy !== undefined && r.customerId !== f.heldBy && r.staffId !== f.heldBy) return false;
    if (f.ringDeadlinePassed !== undefined) {
      if (r.ringDeadlineAt === null || r.ringDeadlineAt <= now !== f.ringDeadlinePassed) return false;
    }
    if (f.deviceLostForMs !== undefined) {
      const since = now - f.deviceLostForMs;
      const lost = (t: number | null) => t !== null && t <= since;
      if (!lost(r.callerLostAt) && !lost(r.calleeLostAt)) return false;
    }
    if (f.mediaDeadlinePassed) {
      if (r.mediaDeadlineAt === null || r.mediaDeadlineAt > now || r.connectedAt !== null) return false;
    }
    if (
      f.mediaLostForMs !== undefined &&
      (r.mediaLostAt === null || r.mediaLostAt > now - f.mediaLostForMs)
    ) {
      return false;
    }
    if (f.untakenCallsToShop !== undefined) {
      if (r.shopId !== f.untakenCallsToShop || r.initiatedBy !== 'customer' || r.staffId !== null)
        return false;
    }
    if (f.shopCallsToCustomer !== undefined) {
      if (r.customerId !== f.shopCallsToCustomer || r.initiatedBy !== 'shop') return false;
    }
    return true;
  }

  async transition(filter: CallFilter, change: CallChange): Promise<CallRecord[]> {
    const from = allowedFrom(change.to, filter.from);
    const now = this.clock.now();
    const changed = this.rows.filter((r) => from.includes(r.status) && this.matches(r, filter, now));
    for (const r of changed) {
      r.status = change.to;
      if (change.to === 'accepted') {
        r.calleeDeviceId = change.calleeDeviceId;
        if (change.answeredBy && r.initiatedBy === 'customer') r.staffId = change.answeredBy;
      }
      if (ON_ENTER[change.to].answered && change.to === 'accepted') {
        r.answeredAt = now;
        r.mediaDeadlineAt = now + change.mediaTimeoutMs;
      }
      if (ON_ENTER[change.to].ended && change.to !== 'accepted') {
        r.endReason = change.reason;
        r.endedAt = now;
        r.callerLostAt = null;
        r.calleeLostAt = null;
        r.talkMs = this.talkMs(r, now);
        r.mediaSince = null;
        r.mediaLostAt = null;
        r.durationSeconds = r.connectedAt === null ? null : Math.floor(r.talkMs / 1000);
        r.quality = this.qualityOf(r);
        r.heldSignals = null;
      }
    }
    return changed.map((r) => this.record(r));
  }

  async holdSignal(
    callId: string,
    deviceId: string,
    signal: unknown,
    max: number,
  ): Promise<'held' | 'full' | 'not-ringing'> {
    const r = this.rows.find((row) => row.id === callId);
    if (r?.status !== 'ringing' || r.callerDeviceId !== deviceId) return 'not-ringing';
    if ((r.heldSignals?.length ?? 0) >= max) return 'full';
    r.heldSignals = [...(r.heldSignals ?? []), structuredClone(signal)];
    return 'held';
  }

  async takeHeldSignals(callId: string): Promise<unknown[]> {
    const r = this.rows.find((row) => row.id === callId);
    const held = r?.heldSignals ?? [];
    if (r) r.heldSignals = null;
    return held;
  }

  async staffDecline(
    callId: string,
    staff: { userId: string; shopId: string },
    availableStaff: string[],
  ): Promise<CallRecord | null> {
    const now = this.clock.now();
    const r = this.rows.find((row) => row.id === callId);
    const rings =
      r?.status === 'ringing' &&
      r.initiatedBy === 'customer' &&
      r.shopId === staff.shopId &&
      r.staffId === null &&
      r.ringDeadlineAt !== null &&
      r.ringDeadlineAt > now &&
      !r.declinedStaff.includes(staff.userId);
    if (!r || !rings) return null;
    r.declinedStaff.push(staff.userId);
    const busy = (id: string) => this.rows.some((o) => o !== r && o.staffId === id && isLive(o.status));
    if (availableStaff.some((id) => !r.declinedStaff.includes(id) && !busy(id))) return this.record(r);
    const [declined] = await this.transition({ callId }, { to: 'declined', reason: 'declined' });
    return declined;
  }

  async bindDevice(
    callId: string,
    side: CallSide,
    deviceId: string,
  ): Promise<{ record: CallRecord; wasLost: boolean } | null> {
    const r = this.rows.find((row) => row.id === callId && isLive(row.status));
    if (!r) return null;
    const wasLost = (side === 'caller' ? r.callerLostAt : r.calleeLostAt) !== null;
    if (side === 'caller') {
      r.callerDeviceId = deviceId;
      r.callerLostAt = null;
    } else {
      r.calleeDeviceId = deviceId;
      r.calleeLostAt = null;
    }
    return { record: this.record(r), wasLost };
  }

  async releaseDevice(deviceId: string): Promise<{ record: CallRecord; side: CallSide }[]> {
    const now = this.clock.now();
    const lost: { record: CallRecord; side: CallSide }[] = [];
    for (const r of this.rows) {
      if (!isLive(r.status) || (r.callerDeviceId !== deviceId && r.calleeDeviceId !== deviceId)) continue;
      const side: CallSide = r.callerDeviceId === deviceId ? 'caller' : 'callee';
      if (r.callerDeviceId === deviceId) {
        r.callerDeviceId = null;
        r.callerLostAt = now;
      }
      if (r.calleeDeviceId === deviceId) {
        r.calleeDeviceId = null;
        r.calleeLostAt = now;
      }
      lost.push({ record: this.record(r), side });
    }
    return lost;
  }

  private talkMs(r: Row, now: number): number {
    return r.talkMs + (r.mediaSince === null ? 0 : now - r.mediaSince);
  }

  async reportMedia(callId: string, deviceId: string, flowing: boolean): Promise<MediaChange | null> {
    const r = this.rows.find(
      (row) =>
        row.id === callId &&
        row.status === 'accepted' &&
        [row.callerDeviceId, row.calleeDeviceId].includes(deviceId),
    );
    if (!r) return null;
    const now = this.clock.now();
    const side: CallSide = r.callerDeviceId === deviceId ? 'caller' : 'callee';
    const wasFlowing = r.mediaSince !== null;
    const wasConnected = r.connectedAt !== null;
    const sideWasFlowing = side === 'caller' ? r.callerMedia : r.calleeMedia;
    if (side === 'caller') r.callerMedia = flowing;
    else r.calleeMedia = flowing;
    const both = r.callerMedia && r.calleeMedia;
    if (both) {
      r.mediaSince ??= now;
      r.connectedAt ??= now;
      r.mediaLostAt = null;
    } else {
      if (wasFlowing) r.mediaLostAt = now;
      r.talkMs = this.talkMs(r, now);
      r.mediaSince = null;
    }
    return {
      record: this.record(r),
      side,
      wasFlowing,
      flowing: both,
      sideWasFlowing,
      connectedNow: !wasConnected && both,
    };
  }

  async addQualitySample(callId: string, deviceId: string, sample: CallQualitySample): Promise<boolean> {
    const r = this.rows.find(
      (row) =>
        row.id === callId &&
        row.status === 'accepted' &&
        [row.callerDeviceId, row.calleeDeviceId].includes(deviceId),
    );
    if (!r || r.samples.length >= MAX_QUALITY_SAMPLES) return false;
    const side: CallSide = r.callerDeviceId === deviceId ? 'caller' : 'callee';
    const now = this.clock.now();
    if (r.samples.some((s) => s.side === side && s.at > now - 1500)) return false;
    r.samples.push({ side, at: now, sample });
    return true;
  }

  private qualityOf(r: Row): CallQualitySummary | null {
    if (!r.samples.length) return null;
    const summary = (side: CallSide): CallSideQuality | null => {
      const samples = r.samples.filter((s) => s.side === side).map((s) => s.sample);
      if (!samples.length) return null;
      const values = (k: keyof CallQualitySample) =>
        samples
          .map((s) => s[k])
          .filter((v): v is number => typeof v === 'number')
          .sort((a, b) => a - b);
      const median = (k: keyof CallQualitySample) => {
        const v = values(k);
        return v.length ? v[Math.ceil(v.length / 2) - 1] : null;
      };
      const pick = (k: keyof CallQualitySample, highest: boolean) => {
        const v = values(k);
        return v.length ? (highest ? v[v.length - 1] : v[0]) : null;
      };
      const relayed = samples.some((s) => s.relayed === true);
      const anyRelayed = samples.some((s) => s.relayed !== null) ? relayed : null;
      return {
        samples: samples.length,
        median: {
          rttMs: median('rttMs'),
          lossPct: median('lossPct'),
          jitterMs: median('jitterMs'),
          bitrateKbps: median('bitrateKbps'),
          fps: median('fps'),
          width: median('width'),
          height: median('height'),
          relayed: anyRelayed,
        },
        worst: {
          rttMs: pick('rttMs', true),
          lossPct: pick('lossPct', true),
          jitterMs: pick('jitterMs', true),
          bitrateKbps: pick('bitrateKbps', false),
          fps: pick('fps', false),
          width: pick('width', false),
          height: pick('height', false),
          relayed: anyRelayed,
        },
        relayed,
      };
    };
    return { caller: summary('caller'), callee: summary('callee') };
  }

  async boundDevices(): Promise<string[]> {
    return this.rows
      .filter((r) => isLive(r.status))
      .flatMap((r) => [r.callerDeviceId, r.calleeDeviceId])
      .filter((d): d is string => d !== null);
  }

  async hasContacted(shopId: string, customerId: string): Promise<boolean> {
    return (
      this.callbackRequests.has(`${shopId}:${customerId}`) ||
      this.rows.some((r) => r.shopId === shopId && r.customerId === customerId)
    );
  }

  async contactedShops(customerId: string): Promise<string[]> {
    const shops = this.rows.filter((r) => r.customerId === customerId).map((r) => r.shopId);
    for (const key of this.callbackRequests) {
      const [shop, customer] = key.split(':');
      if (customer === customerId) shops.push(shop);
    }
    return [...new Set(shops)];
  }

  async contacts(shopId: string, limit: number): Promise<ContactRow[]> {
    const last = new Map<string, number>();
    for (const r of this.rows) {
      if (r.shopId === shopId) last.set(r.customerId, Math.max(last.get(r.customerId) ?? 0, r.createdAt));
    }
    return [...last]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([id, at]) => ({ id, name: this.names.get(id) ?? '', phone: null, lastContactAt: new Date(at) }));
  }

  async history(f: HistoryFilter): Promise<{ records: CallRecord[]; total: number }> {
    const mine: CallInitiator = 'customerId' in f.owner ? 'customer' : 'shop';
    const rows = this.newestFirst(this.rows).filter(
      (r) =>
        ('customerId' in f.owner ? r.customerId === f.owner.customerId : r.shopId === f.owner.shopId) &&
        (!f.status || r.status === f.status) &&
        (!f.direction || (r.initiatedBy === mine) === (f.direction === 'outgoing')) &&
        (!f.from || r.createdAt >= Date.parse(f.from)) &&
        (!f.to || r.createdAt < Date.parse(f.to)),
    );
    return {
      records: rows.slice(f.offset, f.offset + f.limit).map((r) => this.record(r)),
      total: rows.length,
    };
  }

  async shopSummary(shopId: string): Promise<CallSummaryDto> {
    const missed = this.rows.filter(
      (r) =>
        r.shopId === shopId &&
        r.initiatedBy === 'customer' &&
        ['missed', 'cancelled', 'busy'].includes(r.status),
    );
    const today = new Date(this.clock.now()).setUTCHours(0, 0, 0, 0);
    return {
      missedToday: missed.filter((r) => r.createdAt >= today).length,
      missedTotal: missed.length,
      openCallbacks: 0,
    };
  }
}
