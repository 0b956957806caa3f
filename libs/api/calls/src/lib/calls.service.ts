import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  OnModuleDestroy,
} from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import {
  LIVE_CALL_STATUSES,
  type CallDto,
  type CallEndReason,
  type CallHistoryItem,
  type CallStatus,
  type CallSummaryDto,
  type CallType,
  type Page,
  type ProductSellerDto,
  type SellerInfoDto,
  type ShopContactDto,
} from '@callshop/contracts';
import { BatchQueue, callsConfig } from '@callshop/api/core';
import { Shop, User, type AuthUser } from '@callshop/api/auth';
import { ProductsService, toProductSummary, toShopSummary, type Product } from '@callshop/api/products';
import { CallAnsweredEvent, CallEndedEvent, CallStartedEvent } from './call-events';
import { callSelect, toCallRecord, type CallRecord, type CallRow } from './call.mapper';
import { allowedFrom, participation, type CallParties, type CallSide } from './call-state';
import type { CallHistoryQueryDto } from './dto/call-history-query.dto';
import { DEFAULT_PAGE_SIZE } from './dto/call-history-query.dto';
import type { InitiateCallDto } from './dto/initiate-call.dto';
import { PresenceService } from './presence.service';

const LIVE = LIVE_CALL_STATUSES as CallStatus[];

/** A customer's call to record, as `recordCustomerCalls` takes it. */
interface CustomerCallRequest {
  shopId: string;
  productId: string;
  customerId: string;
  /** Staff of the shop with a connected socket that takes calls. */
  staff: string[];
  available: boolean;
  type: CallType;
  device: string | null;
}

/** The inserted call (all columns null when it was not inserted) and what the checks found. */
type CustomerCallRow = CallRow & {
  d_ord: number;
  d_shop_id: string | null;
  d_product_id: string | null;
  d_product_shop_id: string | null;
  d_caller_live: boolean;
  d_busy_staff: string[];
  d_shop_name: string;
  d_shop_is_platform: boolean;
  d_customer_name: string;
};

/**
 * Checks and records customers' calls given as a JSON array ($1): shop and product exist and
 * match, the caller has no live call, which available staff are busy; the outcome is missed
 * when nobody takes calls, busy when every available staff member is in a call. $2: the live
 * statuses, $3: the ring timeout in milliseconds. One row per request, with `d_ord` its index.
 */
const CUSTOMER_CALLS_SQL = `
  WITH i AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(
      ord int, "shopId" uuid, "productId" uuid, "customerId" uuid, staff uuid[], available boolean,
      type varchar, device varchar)
  ), o AS (
    SELECT i.ord, i."customerId" AS customer_id, i.type, i.device,
           s.id AS shop_id, s.name AS shop_name, s.is_platform AS shop_is_platform,
           p.id AS product_id, p.shop_id AS product_shop_id, p.name AS product_name,
           p.price AS product_price, p.currency AS product_currency, p.images AS product_images,
           u.name AS customer_name, live.caller_live, busy.staff AS busy_staff,
           CASE WHEN NOT i.available THEN 'missed'
                WHEN cardinality(busy.staff) >= cardinality(i.staff) THEN 'busy'
                ELSE 'ringing' END AS outcome
    FROM i
    LEFT JOIN shops s ON s.id = i."shopId"
    LEFT JOIN products p ON p.id = i."productId" AND p.deleted_at IS NULL
    LEFT JOIN users u ON u.id = i."customerId"
    CROSS JOIN LATERAL (SELECT EXISTS (
      SELECT 1 FROM calls WHERE customer_id = i."customerId" AND status = ANY($2::varchar[])) AS caller_live) live
    CROSS JOIN LATERAL (SELECT ARRAY(
      SELECT DISTINCT staff_id FROM calls
      WHERE staff_id = ANY(i.staff) AND status = ANY($2::varchar[]))::text[] AS staff) busy
  ), c AS (
    INSERT INTO calls (customer_id, shop_id, staff_id, product_id, product_name, product_price,
                       product_currency, product_image, type, initiated_by, status, end_reason,
                       caller_device_id, ring_deadline_at, ended_at)
    SELECT o.customer_id, o.shop_id, NULL, o.product_id, o.product_name, o.product_price, o.product_currency,
           o.product_images->>0, o.type, 'customer', o.outcome,
           CASE o.outcome WHEN 'missed' THEN 'offline' WHEN 'busy' THEN 'busy' END,
           CASE WHEN o.outcome = 'ringing' THEN o.device END,
           CASE WHEN o.outcome = 'ringing' THEN now() + make_interval(secs => $3::double precision / 1000) END,
           CASE WHEN o.outcome = 'ringing' THEN NULL ELSE now() END
    FROM o
    WHERE o.shop_id IS NOT NULL AND o.product_id IS NOT NULL AND o.product_shop_id = o.shop_id
      AND NOT o.caller_live
    -- A live call of the same customer committed meanwhile: not inserted, answered as a conflict.
    ON CONFLICT DO NOTHING
    RETURNING *
  )
  SELECT c.*, o.ord AS d_ord, o.shop_id AS d_shop_id, o.product_id AS d_product_id,
         o.product_shop_id AS d_product_shop_id, o.caller_live AS d_caller_live, o.busy_staff AS d_busy_staff,
         o.shop_name AS d_shop_name, o.shop_is_platform AS d_shop_is_platform, o.customer_name AS d_customer_name
  FROM o LEFT JOIN c ON c.customer_id = o.customer_id`;

/** What `call:accept` / `call:resume` hand to the device now bound to the call. */
export interface DeviceBinding {
  record: CallRecord;
  role: CallSide;
  polite: boolean;
  /** The device came back within the reconnect grace (the other side is told). */
  reconnected: boolean;
}

/** Options of one status change. */
interface TransitionGuard {
  /** Narrows the statuses the change may start from (within `CALL_TRANSITIONS`). */
  from?: CallStatus[];
  reason?: CallEndReason;
  /** Extra columns to set, as `column -> value` (values are bound parameters). */
  set?: Record<string, unknown>;
  /** An extra SQL condition on the row `c` (no parameters). */
  where?: string;
  /** On accept: the staff member answering a customer's call becomes the call's staff member. */
  answeredBy?: string;
}

const SETTABLE = new Set(['staff_id', 'callee_device_id', 'caller_device_id']);

function isUniqueViolation(e: unknown, index: string): boolean {
  const err =
    e instanceof QueryFailedError ? (e.driverError as { code?: string; constraint?: string }) : null;
  return err?.code === '23505' && err.constraint === index;
}

/**
 * The call lifecycle: one state machine (`CALL_TRANSITIONS` applied by `transition()` in a
 * single conditional UPDATE, so racing accept / decline / cancel / timeout have exactly one
 * winner), ring deadlines and the reconnect grace, and the queries behind history.
 * It publishes domain events after each committed change and never talks to sockets.
 */
@Injectable()
export class CallsService implements OnModuleDestroy {
  private readonly logger = new Logger('Calls');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping = false;
  private readonly customerCalls = new BatchQueue<CustomerCallRequest, CustomerCallRow>(
    (items) => this.recordCustomerCalls(items),
    { maxBatch: 500, concurrency: 1 },
  );

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(Shop) private readonly shops: Repository<Shop>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly products: ProductsService,
    private readonly presence: PresenceService,
    private readonly events: EventEmitter2,
    @Inject(callsConfig.KEY) private readonly config: ConfigType<typeof callsConfig>,
  ) {}

  // ---------------------------------------------------------------- lifecycle

  /**
   * Closes what a previous run left behind, then keeps sweeping for passed deadlines. Called by
   * the gateway once its Socket.io adapter is in place (presence must see every instance).
   */
  async start(): Promise<void> {
    try {
      await this.markUnboundDevicesLost();
    } catch (e) {
      this.logger.warn(`Checking devices of live calls failed: ${(e as Error).message}`);
    }
    await this.sweep();
    const every = Math.min(
      5000,
      Math.max(250, Math.floor(Math.min(this.config.ringTimeoutMs, this.config.reconnectGraceMs) / 4)),
    );
    this.sweeper = setInterval(() => void this.sweep(), every);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  // ---------------------------------------------------------------- the state machine

  /**
   * The only place a call's status changes: `UPDATE ... WHERE <condition> AND status = ANY(<allowed>)`,
   * allowed being the statuses `CALL_TRANSITIONS` lets reach `to`. Returns the changed rows.
   */
  private async transitionWhere(
    to: CallStatus,
    condition: string,
    params: unknown[],
    guard: TransitionGuard = {},
  ): Promise<CallRecord[]> {
    const from = allowedFrom(to, guard.from);
    if (!from.length) return [];
    const values = [...params, to, from];
    const sets = [`status = $${params.length + 1}`, 'updated_at = now()'];
    for (const [column, value] of Object.entries(guard.set ?? {})) {
      if (!SETTABLE.has(column)) throw new Error(`Column ${column} is not settable by a transition`);
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    }
    if (to === 'accepted') sets.push('answered_at = now()');
    if (guard.answeredBy) {
      values.push(guard.answeredBy);
      sets.push(
        `staff_id = CASE WHEN c.initiated_by = 'customer' THEN $${values.length}::uuid ELSE c.staff_id END`,
      );
    }
    if (to !== 'ringing' && to !== 'accepted') {
      values.push(guard.reason ?? 'error');
      sets.push(
        `end_reason = $${values.length}`,
        'ended_at = now()',
        'caller_lost_at = NULL',
        'callee_lost_at = NULL',
        `duration_seconds = CASE WHEN answered_at IS NULL THEN NULL
           ELSE GREATEST(0, floor(extract(epoch FROM now() - answered_at)))::int END`,
      );
    }
    const rows: CallRow[] = await this.db.query(
      `WITH c AS (
         UPDATE calls c SET ${sets.join(', ')}
         WHERE (${condition}) AND c.status = ANY($${params.length + 2}::varchar[])${guard.where ? ` AND (${guard.where})` : ''}
         RETURNING c.*
       ) ${callSelect('c')}`,
      values,
    );
    const records = rows.map(toCallRecord);
    for (const record of records) this.afterTransition(record);
    return records;
  }

  /** Changes one call; the loser of a race gets 409 naming the status the call is in. */
  async transition(callId: string, to: CallStatus, guard: TransitionGuard = {}): Promise<CallRecord> {
    const [record] = await this.transitionWhere(to, 'c.id = $1', [callId], guard);
    if (record) return record;
    const current = await this.find(callId);
    if (!current) throw new NotFoundException(`Call ${callId} not found`);
    throw new ConflictException(`The call is already ${current.call.status}`);
  }

  private afterTransition(record: CallRecord): void {
    const { call } = record;
    this.clearTimer(`${call.id}:ring`);
    if (call.status === 'accepted') {
      this.events.emit(CallAnsweredEvent.NAME, new CallAnsweredEvent(record));
    } else if (call.status !== 'ringing') {
      this.clearTimer(`${call.id}:grace`);
      this.events.emit(CallEndedEvent.NAME, new CallEndedEvent(record));
    }
  }

  // ---------------------------------------------------------------- starting a call

  /** `POST /video-call/initiate`: a customer calls a shop about a product, or a seller calls a customer back. */
  /** `deviceIsOwn`: the device id is the socket the request came through (no need to look it up). */
  async initiate(user: AuthUser, dto: InitiateCallDto, deviceIsOwn = false): Promise<CallDto> {
    if (dto.deviceId && !deviceIsOwn && !(await this.presence.isSocketOf(dto.deviceId, user.id))) {
      throw new ForbiddenException('deviceId is not a connected socket of yours');
    }
    const record =
      user.role === 'customer'
        ? await this.initiateAsCustomer(user, dto, dto.type ?? 'video')
        : await this.initiateAsSeller(user, dto, dto.type ?? 'video');
    return record.call;
  }

  private async initiateAsCustomer(
    user: AuthUser,
    dto: InitiateCallDto,
    type: CallType,
  ): Promise<CallRecord> {
    if (!dto.sellerId || !dto.productId) {
      throw new BadRequestException('A customer names the shop (sellerId) and the product (productId)');
    }
    if (dto.customerId) throw new BadRequestException('customerId is for sellers calling a customer back');
    const status = await this.presence.shopStatus(dto.sellerId);
    const row = await this.customerCalls.push({
      shopId: dto.sellerId,
      productId: dto.productId,
      customerId: user.id,
      staff: status.availableStaffIds,
      available: status.available,
      type,
      device: dto.deviceId ?? null,
    });
    if (!row.d_shop_id) throw new NotFoundException(`Shop ${dto.sellerId} not found`);
    if (!row.d_product_id) throw new NotFoundException(`Product ${dto.productId} not found`);
    if (row.d_product_shop_id !== row.d_shop_id) {
      throw new BadRequestException(
        `Product ${row.d_product_id} is not sold by shop ${row.d_shop_id}: call the shop that sells it`,
      );
    }
    if (row.d_caller_live || !row.id)
      throw new ConflictException('You already have a live call: end it first');
    const record = toCallRecord({
      ...row,
      customer_name: row.d_customer_name,
      shop_name: row.d_shop_name,
      shop_is_platform: row.d_shop_is_platform,
      staff_name: null,
    });
    this.announce(record, row.d_busy_staff ?? []);
    return record;
  }

  /**
   * The hot path of every call: customers' calls arriving together are checked and recorded
   * in one statement (one round trip, one commit), each row inserted only when all of its
   * checks pass; otherwise the checks say which failed. A customer appears once per
   * statement (a second call of theirs goes in the next one and meets the first).
   */
  private async recordCustomerCalls(items: CustomerCallRequest[]): Promise<CustomerCallRow[]> {
    const results: CustomerCallRow[] = new Array(items.length);
    let rest = items.map((item, index) => ({ item, index }));
    while (rest.length) {
      const callers = new Set<string>();
      const now: typeof rest = [];
      const later: typeof rest = [];
      for (const entry of rest) {
        if (callers.has(entry.item.customerId)) later.push(entry);
        else {
          callers.add(entry.item.customerId);
          now.push(entry);
        }
      }
      const rows: CustomerCallRow[] = await this.db.query(CUSTOMER_CALLS_SQL, [
        JSON.stringify(now.map(({ item }, ord) => ({ ord, ...item }))),
        LIVE,
        this.config.ringTimeoutMs,
      ]);
      for (const row of rows) results[now[row.d_ord].index] = row;
      rest = later;
    }
    return results;
  }

  private async initiateAsSeller(user: AuthUser, dto: InitiateCallDto, type: CallType): Promise<CallRecord> {
    if (!user.shopId) throw new ForbiddenException('Only staff of a shop can call customers');
    if (!dto.customerId) throw new BadRequestException('A seller names the customer to call (customerId)');
    if (dto.sellerId && dto.sellerId !== user.shopId) {
      throw new ForbiddenException('You can only call on behalf of your own shop');
    }
    const customer = await this.users.findOneBy({ id: dto.customerId, role: 'customer' });
    if (!customer) throw new NotFoundException(`Customer ${dto.customerId} not found`);
    let product: Product | null = null;
    if (dto.productId) {
      product = await this.products.findOrFail(dto.productId);
      if (product.shopId !== user.shopId) {
        throw new ForbiddenException("You can only call about your own shop's products");
      }
    }
    if (!(await this.hasContacted(user.shopId, customer.id))) {
      throw new ForbiddenException('You can only call customers who have contacted your shop');
    }
    await this.assertNoLiveCall(user);
    let outcome: 'ringing' | 'missed' | 'busy' = 'ringing';
    if (!(await this.presence.isUserOnline(customer.id))) outcome = 'missed';
    else if (await this.liveCallOfCustomer(customer.id)) outcome = 'busy';
    const base = {
      customerId: customer.id,
      shopId: user.shopId,
      staffId: user.id,
      product,
      type,
      initiatedBy: 'shop' as const,
      callerDeviceId: dto.deviceId ?? null,
    };
    let record: CallRecord;
    try {
      record = await this.insert({ ...base, outcome });
    } catch (e) {
      // The customer started or received another call meanwhile.
      if (!isUniqueViolation(e, 'calls_one_live_per_customer')) throw e;
      record = await this.insert({ ...base, outcome: 'busy' });
    }
    this.announce(record, []);
    return record;
  }

  private async insert(
    c: {
      customerId: string;
      shopId: string;
      staffId: string | null;
      product: Pick<Product, 'id' | 'name' | 'price' | 'currency' | 'images'> | null;
      type: CallType;
      initiatedBy: 'customer' | 'shop';
      outcome: 'ringing' | 'missed' | 'busy';
      callerDeviceId: string | null;
    },
    /** The names the call shows, when the caller already has them (saves the joins). */
    names?: Pick<CallRow, 'customer_name' | 'shop_name' | 'shop_is_platform' | 'staff_name'>,
  ): Promise<CallRecord> {
    const summary = c.product ? toProductSummary(c.product) : null;
    const reason: CallEndReason | null =
      c.outcome === 'missed' ? 'offline' : c.outcome === 'busy' ? 'busy' : null;
    const ringing = c.outcome === 'ringing';
    const rows: CallRow[] = await this.db.query(
      `WITH c AS (
         INSERT INTO calls (customer_id, shop_id, staff_id, product_id, product_name, product_price, product_currency,
                            product_image, type, initiated_by, status, end_reason, caller_device_id,
                            ring_deadline_at, ended_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
                 CASE WHEN $14::boolean THEN now() + make_interval(secs => $15::double precision / 1000) END,
                 CASE WHEN $14::boolean THEN NULL ELSE now() END)
         RETURNING *
       ) ${names ? 'SELECT * FROM c' : callSelect('c')}`,
      [
        c.customerId,
        c.shopId,
        c.staffId,
        summary?.id ?? null,
        summary?.name ?? null,
        summary?.price ?? null,
        summary?.currency ?? null,
        summary?.image ?? null,
        c.type,
        c.initiatedBy,
        c.outcome,
        reason,
        ringing ? c.callerDeviceId : null,
        ringing,
        this.config.ringTimeoutMs,
      ],
    );
    return toCallRecord(names ? { ...rows[0], ...names } : rows[0]);
  }

  private announce(record: CallRecord, busyStaffIds: string[]): void {
    const { call } = record;
    if (call.status === 'ringing') {
      this.events.emit(CallStartedEvent.NAME, new CallStartedEvent(record, busyStaffIds));
      const deadline = call.ringDeadlineAt
        ? Date.parse(call.ringDeadlineAt)
        : Date.now() + this.config.ringTimeoutMs;
      this.setTimer(`${call.id}:ring`, deadline - Date.now() + 50, () => this.expireRinging(call.id));
    } else {
      this.events.emit(CallEndedEvent.NAME, new CallEndedEvent(record));
    }
  }

  // ---------------------------------------------------------------- call actions

  /** The called side takes the call on `deviceId`; the first device wins. */
  async accept(user: AuthUser, callId: string, deviceId: string): Promise<DeviceBinding> {
    // One conditional UPDATE does the authorization and the change; only a refusal reads the call to explain it.
    const [record] = await this.transitionWhere(
      'accepted',
      `c.id = $1 AND ((c.initiated_by = 'customer' AND c.shop_id = $2::uuid) OR (c.initiated_by = 'shop' AND c.customer_id = $3))`,
      [callId, user.shopId ?? null, user.id],
      {
        from: ['ringing'],
        where: 'c.ring_deadline_at > now()',
        set: { callee_device_id: deviceId },
        ...(user.shopId ? { answeredBy: user.id } : {}),
      },
    );
    if (record) return { record, role: 'callee', polite: true, reconnected: false };
    const current = await this.findForParty(callId, user);
    const p = participation(current, user)!;
    if (p.side !== 'callee') throw new ForbiddenException('Only the called side can accept a call');
    if (current.call.status !== 'ringing')
      throw new ConflictException(`The call is already ${current.call.status}`);
    if (await this.expireRinging(callId)) {
      throw new ConflictException('The call is already missed');
    }
    throw new ConflictException(`The call is already ${(await this.find(callId))?.call.status ?? 'over'}`);
  }

  async decline(user: AuthUser, callId: string): Promise<CallDto> {
    const current = await this.findForParty(callId, user);
    const p = participation(current, user)!;
    if (p.side !== 'callee') throw new ForbiddenException('Only the called side can decline a call');
    if (current.call.status !== 'ringing')
      throw new ConflictException(`The call is already ${current.call.status}`);
    return (await this.transition(callId, 'declined', { from: ['ringing'], reason: 'declined' })).call;
  }

  async cancel(user: AuthUser, callId: string): Promise<CallDto> {
    const current = await this.findForParty(callId, user);
    const p = participation(current, user)!;
    if (p.side !== 'caller' || !p.holder) throw new ForbiddenException('Only the caller can cancel a call');
    if (current.call.status !== 'ringing')
      throw new ConflictException(`The call is already ${current.call.status}`);
    return (await this.transition(callId, 'cancelled', { from: ['ringing'], reason: 'cancelled' })).call;
  }

  /** Ends an answered call; on a ringing call it cancels (caller) or declines (callee). */
  async hangup(user: AuthUser, callId: string): Promise<CallDto> {
    const [ended] = await this.transitionWhere(
      'ended',
      'c.id = $1 AND (c.customer_id = $2 OR c.staff_id = $2)',
      [callId, user.id],
      { from: ['accepted'], reason: 'hangup' },
    );
    if (ended) return ended.call;
    const current = await this.findForParty(callId, user);
    const p = participation(current, user)!;
    if (!p.holder) throw new ForbiddenException('A colleague holds this call');
    if (current.call.status === 'ringing') {
      return p.side === 'caller' ? this.cancel(user, callId) : this.decline(user, callId);
    }
    return (await this.transition(callId, 'ended', { from: ['accepted'], reason: 'hangup' })).call;
  }

  /** Binds a live call to this socket: after a reconnect, or after a REST initiate without a device. */
  async resume(user: AuthUser, callId: string, deviceId: string): Promise<DeviceBinding> {
    const current = await this.findForParty(callId, user);
    const p = participation(current, user)!;
    if (!p.holder) throw new ForbiddenException('A colleague holds this call');
    const status = current.call.status;
    if (!LIVE.includes(status)) throw new ConflictException(`The call is already ${status}`);
    if (p.side === 'callee' && status === 'ringing') {
      throw new ConflictException('The call is still ringing: accept it instead');
    }
    const side = p.side;
    const rows: (CallRow & { prev_lost_at: Date | null })[] = await this.db.query(
      `WITH o AS (SELECT id, ${side}_lost_at AS prev_lost_at FROM calls WHERE id = $1 FOR UPDATE),
       c AS (
         UPDATE calls c SET ${side}_device_id = $2, ${side}_lost_at = NULL, updated_at = now()
         FROM o WHERE c.id = o.id AND c.status = ANY($3::varchar[])
         RETURNING c.*, o.prev_lost_at
       ) ${callSelect('c')}`,
      [callId, deviceId, LIVE],
    );
    if (!rows.length) {
      const now = await this.find(callId);
      throw new ConflictException(`The call is already ${now?.call.status ?? 'over'}`);
    }
    const record = toCallRecord(rows[0]);
    if (!record.callerLostAt && !record.calleeLostAt) this.clearTimer(`${callId}:grace`);
    return { record, role: side, polite: side === 'callee', reconnected: rows[0].prev_lost_at !== null };
  }

  /**
   * A socket went away: the live calls it was bound to wait `reconnectGraceMs` for the same
   * user to resume on a new socket, then end as failed / connection_lost.
   */
  async deviceLost(deviceId: string): Promise<{ record: CallRecord; side: CallSide }[]> {
    const rows: (CallRow & { lost_caller: boolean })[] = await this.db.query(
      `WITH o AS (
         SELECT id, caller_device_id IS NOT DISTINCT FROM $1 AS lost_caller FROM calls
         WHERE (caller_device_id = $1 OR callee_device_id = $1) AND status = ANY($2::varchar[])
         FOR UPDATE
       ), c AS (
         UPDATE calls c SET
           caller_lost_at = CASE WHEN c.caller_device_id = $1 THEN now() ELSE c.caller_lost_at END,
           callee_lost_at = CASE WHEN c.callee_device_id = $1 THEN now() ELSE c.callee_lost_at END,
           caller_device_id = CASE WHEN c.caller_device_id = $1 THEN NULL ELSE c.caller_device_id END,
           callee_device_id = CASE WHEN c.callee_device_id = $1 THEN NULL ELSE c.callee_device_id END,
           updated_at = now()
         FROM o WHERE c.id = o.id AND c.status = ANY($2::varchar[])
         RETURNING c.*, o.lost_caller
       ) ${callSelect('c')}`,
      [deviceId, LIVE],
    );
    return rows.map((row) => {
      const record = toCallRecord(row);
      this.setTimer(`${record.call.id}:grace`, this.config.reconnectGraceMs + 50, () =>
        this.expireLost(record.call.id),
      );
      return { record, side: row.lost_caller ? 'caller' : 'callee' };
    });
  }

  /**
   * The callee side of ringing calls went away (the shop's last available staff device, or the
   * customer's last device). After a short wait, so a page reload does not end the call,
   * calls still ringing there with nobody left to ring become missed / offline at once instead
   * of ringing out the full timeout.
   */
  calleeMayBeGone(side: { shopId: string } | { customerId: string }): void {
    const key = 'shopId' in side ? `shop:${side.shopId}:away` : `customer:${side.customerId}:away`;
    this.setTimer(key, Math.min(5000, this.config.reconnectGraceMs), async () => {
      if ('shopId' in side) {
        if ((await this.presence.shopStatus(side.shopId)).available) return;
        await this.transitionWhere(
          'missed',
          `c.shop_id = $1 AND c.initiated_by = 'customer' AND c.staff_id IS NULL`,
          [side.shopId],
          {
            from: ['ringing'],
            reason: 'offline',
          },
        );
      } else {
        if (await this.presence.isUserOnline(side.customerId)) return;
        await this.transitionWhere(
          'missed',
          `c.customer_id = $1 AND c.initiated_by = 'shop'`,
          [side.customerId],
          {
            from: ['ringing'],
            reason: 'offline',
          },
        );
      }
    });
  }

  /** Ring deadline passed: missed for both sides. Returns false when the call was no longer ringing. */
  async expireRinging(callId: string): Promise<boolean> {
    const done = await this.transitionWhere('missed', 'c.id = $1', [callId], {
      from: ['ringing'],
      reason: 'timeout',
      where: 'c.ring_deadline_at <= now()',
    });
    return done.length > 0;
  }

  private async expireLost(callId: string): Promise<void> {
    await this.transitionWhere('failed', 'c.id = $1', [callId, this.config.reconnectGraceMs], {
      reason: 'connection_lost',
      where: `c.caller_lost_at <= now() - make_interval(secs => $2::double precision / 1000)
           OR c.callee_lost_at <= now() - make_interval(secs => $2::double precision / 1000)`,
    });
  }

  /** Closes every call whose ring deadline or reconnect grace has passed (all instances do this). */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await this.transitionWhere('missed', 'c.ring_deadline_at <= now()', [], {
        from: ['ringing'],
        reason: 'timeout',
      });
      await this.transitionWhere(
        'failed',
        `c.caller_lost_at <= now() - make_interval(secs => $1::double precision / 1000)
         OR c.callee_lost_at <= now() - make_interval(secs => $1::double precision / 1000)`,
        [this.config.reconnectGraceMs],
        { reason: 'connection_lost' },
      );
    } catch (e) {
      this.logger.warn(`Sweeping calls failed: ${(e as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }

  /**
   * At start-up: live calls bound to sockets that no instance has any more (the previous run
   * stopped) start their reconnect grace now.
   */
  private async markUnboundDevicesLost(): Promise<void> {
    const rows: { id: string; caller_device_id: string | null; callee_device_id: string | null }[] =
      await this.db.query(
        `SELECT id, caller_device_id, callee_device_id FROM calls
       WHERE status = ANY($1::varchar[]) AND (caller_device_id IS NOT NULL OR callee_device_id IS NOT NULL)`,
        [LIVE],
      );
    for (const row of rows) {
      for (const device of [row.caller_device_id, row.callee_device_id]) {
        if (device && !(await this.presence.isSocketConnected(device))) await this.deviceLost(device);
      }
    }
  }

  private setTimer(key: string, ms: number, run: () => Promise<unknown>): void {
    this.clearTimer(key);
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        run().catch((e: Error) => this.logger.warn(`Call timer ${key} failed: ${e.message}`));
      },
      Math.max(0, ms),
    );
    timer.unref();
    this.timers.set(key, timer);
  }

  private clearTimer(key: string): void {
    const t = this.timers.get(key);
    if (t) {
      clearTimeout(t);
      this.timers.delete(key);
    }
  }

  // ---------------------------------------------------------------- reading

  /** Who is in the call and which devices are bound, without the joins (every signal reads this). */
  async findBinding(callId: string): Promise<
    | (CallParties & {
        status: CallStatus;
        callerDeviceId: string | null;
        calleeDeviceId: string | null;
      })
    | null
  > {
    const rows: Pick<
      CallRow,
      | 'status'
      | 'customer_id'
      | 'shop_id'
      | 'staff_id'
      | 'initiated_by'
      | 'caller_device_id'
      | 'callee_device_id'
    >[] = await this.db.query(
      `SELECT status, customer_id, shop_id, staff_id, initiated_by, caller_device_id, callee_device_id FROM calls WHERE id = $1`,
      [callId],
    );
    const r = rows[0];
    return r
      ? {
          status: r.status,
          customerId: r.customer_id,
          shopId: r.shop_id,
          staffId: r.staff_id,
          initiatedBy: r.initiated_by,
          callerDeviceId: r.caller_device_id,
          calleeDeviceId: r.callee_device_id,
        }
      : null;
  }

  /** For a connecting device: the user's live call, and the calls that should ring on it. */
  async sessionCalls(user: AuthUser): Promise<{ active: CallRecord | null; ringing: CallRecord[] }> {
    const rows: CallRow[] =
      user.role === 'customer'
        ? await this.db.query(
            `${callSelect('calls')} WHERE c.customer_id = $1 AND c.status = ANY($2::varchar[]) ORDER BY c.created_at DESC`,
            [user.id, LIVE],
          )
        : await this.db.query(
            `${callSelect('calls')} WHERE c.status = ANY($3::varchar[])
               AND (c.staff_id = $1 OR (c.shop_id = $2 AND c.status = 'ringing' AND c.initiated_by = 'customer'))
             ORDER BY c.created_at DESC`,
            [user.id, user.shopId, LIVE],
          );
    const records = rows.map(toCallRecord);
    if (user.role === 'customer') {
      return {
        active: records[0] ?? null,
        ringing: records.filter((r) => r.call.status === 'ringing' && r.initiatedBy === 'shop'),
      };
    }
    return {
      active: records.find((r) => r.staffId === user.id) ?? null,
      ringing: records.filter(
        (r) => r.call.status === 'ringing' && r.initiatedBy === 'customer' && !r.staffId,
      ),
    };
  }

  async find(callId: string): Promise<CallRecord | null> {
    const rows: CallRow[] = await this.db.query(`${callSelect('calls')} WHERE c.id = $1`, [callId]);
    return rows[0] ? toCallRecord(rows[0]) : null;
  }

  /** The call, if `user` is one of its parties; 404 otherwise (never revealing that it exists). */
  async findForParty(callId: string, user: AuthUser): Promise<CallRecord> {
    const record = await this.find(callId);
    if (!record || !participation(record, user)) throw new NotFoundException(`Call ${callId} not found`);
    return record;
  }

  async get(user: AuthUser, callId: string): Promise<CallDto> {
    return (await this.findForParty(callId, user)).call;
  }

  /** The user's live call: a customer's, or the one a staff member placed or answered. */
  async liveCallOf(user: AuthUser): Promise<CallRecord | null> {
    const column = user.role === 'customer' ? 'customer_id' : 'staff_id';
    const rows: CallRow[] = await this.db.query(
      `${callSelect('calls')} WHERE c.${column} = $1 AND c.status = ANY($2::varchar[]) ORDER BY c.created_at DESC LIMIT 1`,
      [user.id, LIVE],
    );
    return rows[0] ? toCallRecord(rows[0]) : null;
  }

  private async liveCallOfCustomer(customerId: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM calls WHERE customer_id = $1 AND status = ANY($2::varchar[]) LIMIT 1`,
      [customerId, LIVE],
    );
    return rows.length > 0;
  }

  private async assertNoLiveCall(user: AuthUser): Promise<void> {
    if (await this.liveCallOf(user))
      throw new ConflictException('You already have a live call: end it first');
  }

  private async staffInLiveCalls(staffIds: string[]): Promise<string[]> {
    if (!staffIds.length) return [];
    const rows: { staff_id: string }[] = await this.db.query(
      `SELECT DISTINCT staff_id FROM calls WHERE staff_id = ANY($1::uuid[]) AND status = ANY($2::varchar[])`,
      [staffIds, LIVE],
    );
    return rows.map((r) => r.staff_id);
  }

  /** The customer called the shop, was called by it, or asked it for a callback. */
  async hasContacted(shopId: string, customerId: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM calls WHERE shop_id = $1 AND customer_id = $2
       UNION ALL SELECT 1 FROM callback_requests WHERE shop_id = $1 AND customer_id = $2 LIMIT 1`,
      [shopId, customerId],
    );
    return rows.length > 0;
  }

  /** Shops this customer has contacted (they may see the customer's online status). */
  async contactedShops(customerId: string): Promise<string[]> {
    const rows: { shop_id: string }[] = await this.db.query(
      `SELECT shop_id FROM calls WHERE customer_id = $1 UNION SELECT shop_id FROM callback_requests WHERE customer_id = $1`,
      [customerId],
    );
    return rows.map((r) => r.shop_id);
  }

  async history(user: AuthUser, q: CallHistoryQueryDto): Promise<Page<CallHistoryItem>> {
    const page = q.page ?? 1;
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const mine = user.role === 'customer' ? 'customer' : 'shop';
    const params: unknown[] = [user.role === 'customer' ? user.id : user.shopId];
    const where = [user.role === 'customer' ? 'c.customer_id = $1' : 'c.shop_id = $1'];
    if (q.status) {
      params.push(q.status);
      where.push(`c.status = $${params.length}`);
    }
    if (q.direction) {
      params.push(mine);
      where.push(`c.initiated_by ${q.direction === 'outgoing' ? '=' : '<>'} $${params.length}`);
    }
    if (q.from) {
      params.push(q.from);
      where.push(`c.created_at >= $${params.length}::timestamptz`);
    }
    if (q.to) {
      params.push(q.to);
      where.push(`c.created_at < $${params.length}::timestamptz`);
    }
    const condition = where.join(' AND ');
    const [{ total }]: { total: string }[] = await this.db.query(
      `SELECT count(*) AS total FROM calls c WHERE ${condition}`,
      params,
    );
    const rows: CallRow[] = await this.db.query(
      `${callSelect('calls')} WHERE ${condition} ORDER BY c.created_at DESC, c.id DESC
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, (page - 1) * limit],
    );
    return {
      items: rows.map((row) => {
        const { call } = toCallRecord(row);
        return { ...call, direction: call.initiatedBy === mine ? 'outgoing' : 'incoming' };
      }),
      total: Number(total),
      page,
      limit,
    };
  }

  async summary(user: AuthUser): Promise<CallSummaryDto> {
    if (!user.shopId) throw new ForbiddenException('Only sellers have a call summary');
    const [row]: { missed_today: string; missed_total: string; open_callbacks: string }[] =
      await this.db.query(
        // Missed, for a shop, is any customer's call nobody took: unanswered, given up while
        // ringing, or arriving while every available staff member was busy (declines are a choice).
        `SELECT
         (SELECT count(*) FROM calls WHERE shop_id = $1 AND initiated_by = 'customer'
            AND status IN ('missed', 'cancelled', 'busy') AND created_at >= date_trunc('day', now())) AS missed_today,
         (SELECT count(*) FROM calls WHERE shop_id = $1 AND initiated_by = 'customer'
            AND status IN ('missed', 'cancelled', 'busy')) AS missed_total,
         (SELECT count(*) FROM callback_requests WHERE shop_id = $1 AND status = 'open') AS open_callbacks`,
        [user.shopId],
      );
    return {
      missedToday: Number(row.missed_today),
      missedTotal: Number(row.missed_total),
      openCallbacks: Number(row.open_callbacks),
    };
  }

  /** Customers who contacted the shop (whom its staff may call back), most recent first. */
  async contacts(user: AuthUser): Promise<ShopContactDto[]> {
    if (!user.shopId) throw new ForbiddenException('Only sellers have contacts');
    const rows: { id: string; name: string; phone: string | null; last_contact_at: Date }[] =
      await this.db.query(
        `SELECT u.id, u.name, max(t.at) AS last_contact_at,
              coalesce(u.phone_number, (SELECT cr.phone_number FROM callback_requests cr
                 WHERE cr.shop_id = $1 AND cr.customer_id = u.id AND cr.phone_number IS NOT NULL
                 ORDER BY cr.created_at DESC LIMIT 1)) AS phone
       FROM (SELECT customer_id, created_at AS at FROM calls WHERE shop_id = $1
             UNION ALL SELECT customer_id, created_at FROM callback_requests WHERE shop_id = $1) t
       JOIN users u ON u.id = t.customer_id
       GROUP BY u.id ORDER BY last_contact_at DESC LIMIT 500`,
        [user.shopId],
      );
    const online = await this.presence.onlineUsers(rows.map((r) => r.id));
    return rows.map((r) => ({
      customer: { id: r.id, name: r.name },
      phoneNumber: r.phone,
      lastContactAt: new Date(r.last_contact_at).toISOString(),
      online: online.has(r.id),
    }));
  }

  // ---------------------------------------------------------------- the seed's read endpoints

  async sellerInfo(shopId: string, showPhone: boolean): Promise<SellerInfoDto> {
    const shop = await this.shops.findOneBy({ id: shopId });
    if (!shop) throw new NotFoundException(`Shop ${shopId} not found`);
    return this.toSellerInfo(shop, showPhone);
  }

  async productSeller(productId: string, showPhone: boolean): Promise<ProductSellerDto> {
    const product = await this.products.findOrFail(productId);
    return {
      product: { ...toProductSummary(product), description: product.description, stock: product.stock },
      seller: await this.toSellerInfo(product.shop, showPhone),
    };
  }

  private async toSellerInfo(shop: Shop, showPhone: boolean): Promise<SellerInfoDto> {
    const presence = await this.presence.shopPresence(shop.id);
    return {
      ...toShopSummary(shop),
      description: shop.description,
      phoneNumber: showPhone ? shop.phoneNumber : null,
      online: presence.online,
      available: presence.available,
    };
  }
}
