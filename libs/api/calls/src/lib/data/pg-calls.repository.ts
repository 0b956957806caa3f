import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LIVE_CALL_STATUSES, type CallStatus, type CallSummaryDto } from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';
import { callSelect, toCallRecord, type CallRecord, type CallRow } from '../model/call.mapper';
import { allowedFrom, ON_ENTER, type CallChange, type CallFilter, type CallSide } from '../model/call-state';
import type { NewCall } from '../model/new-call';
import {
  CallsRepository,
  type CallBinding,
  type ContactRow,
  type CustomerCallCheck,
  type CustomerCallFacts,
  type HistoryFilter,
} from './calls.repository';

const LIVE = LIVE_CALL_STATUSES as CallStatus[];
const SIDE_COLUMNS: Record<CallSide, { device: string; lost: string }> = {
  caller: { device: 'caller_device_id', lost: 'caller_lost_at' },
  callee: { device: 'callee_device_id', lost: 'callee_lost_at' },
};
const NEW_CALL_COLUMNS =
  'customer_id, shop_id, staff_id, product_id, product_name, product_price, product_currency, product_image, ' +
  'type, initiated_by, status, end_reason, caller_device_id, ring_deadline_at, ended_at';

/** Bound parameters collected while a statement is built. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const lostFor = (ms: string) =>
  `(c.caller_lost_at <= now() - make_interval(secs => ${ms}::double precision / 1000)
    OR c.callee_lost_at <= now() - make_interval(secs => ${ms}::double precision / 1000))`;

/** The WHERE clause of a typed filter, over a calls row named `c`. */
function whereOf(filter: CallFilter, p: Params): string[] {
  const where: string[] = [];
  if (filter.callId !== undefined) where.push(`c.id = ${p.add(filter.callId)}`);
  if (filter.answerableBy) {
    const { userId, shopId } = filter.answerableBy;
    where.push(
      `((c.initiated_by = 'customer' AND c.shop_id = ${p.add(shopId)}::uuid)
        OR (c.initiated_by = 'shop' AND c.customer_id = ${p.add(userId)}))`,
    );
  }
  if (filter.heldBy !== undefined) {
    const user = p.add(filter.heldBy);
    where.push(`(c.customer_id = ${user} OR c.staff_id = ${user})`);
  }
  if (filter.ringDeadlinePassed !== undefined) {
    where.push(filter.ringDeadlinePassed ? 'c.ring_deadline_at <= now()' : 'c.ring_deadline_at > now()');
  }
  if (filter.deviceLostForMs !== undefined) where.push(lostFor(p.add(filter.deviceLostForMs)));
  if (filter.untakenCallsToShop !== undefined) {
    where.push(
      `c.shop_id = ${p.add(filter.untakenCallsToShop)} AND c.initiated_by = 'customer' AND c.staff_id IS NULL`,
    );
  }
  if (filter.shopCallsToCustomer !== undefined) {
    where.push(`c.customer_id = ${p.add(filter.shopCallsToCustomer)} AND c.initiated_by = 'shop'`);
  }
  return where;
}

/** The columns a change writes: the status, and what `ON_ENTER` says entering it does. */
function setOf(change: CallChange, p: Params): string[] {
  const effects = ON_ENTER[change.to];
  const sets = [`status = ${p.add(change.to)}`, 'updated_at = now()'];
  if (change.to === 'accepted') {
    sets.push(`callee_device_id = ${p.add(change.calleeDeviceId)}`);
    if (change.answeredBy) {
      sets.push(
        `staff_id = CASE WHEN c.initiated_by = 'customer' THEN ${p.add(change.answeredBy)}::uuid ELSE c.staff_id END`,
      );
    }
  }
  if (effects.answered) sets.push('answered_at = now()');
  if (effects.ended && change.to !== 'accepted') {
    sets.push(
      `end_reason = ${p.add(change.reason)}`,
      'ended_at = now()',
      'caller_lost_at = NULL',
      'callee_lost_at = NULL',
      `duration_seconds = CASE WHEN answered_at IS NULL THEN NULL
         ELSE GREATEST(0, floor(extract(epoch FROM now() - answered_at)))::int END`,
    );
  }
  return sets;
}

/** Calls in PostgreSQL, each query by name. */
@Injectable()
export class PgCallsRepository extends CallsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  private async records(sql: string, params: unknown[]): Promise<CallRecord[]> {
    const rows: CallRow[] = await this.db.query(sql, params);
    return rows.map(toCallRecord);
  }

  async find(callId: string): Promise<CallRecord | null> {
    const [record] = await this.records(`${callSelect('calls')} WHERE c.id = $1`, [callId]);
    return record ?? null;
  }

  async findBinding(callId: string): Promise<CallBinding | null> {
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
      `SELECT status, customer_id, shop_id, staff_id, initiated_by, caller_device_id, callee_device_id
       FROM calls WHERE id = $1`,
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

  async liveCallOf(user: AuthUser): Promise<CallRecord | null> {
    const column = user.role === 'customer' ? 'customer_id' : 'staff_id';
    const [record] = await this.records(
      `${callSelect('calls')} WHERE c.${column} = $1 AND c.status = ANY($2::varchar[])
       ORDER BY c.created_at DESC LIMIT 1`,
      [user.id, LIVE],
    );
    return record ?? null;
  }

  async customerInLiveCall(customerId: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM calls WHERE customer_id = $1 AND status = ANY($2::varchar[]) LIMIT 1`,
      [customerId, LIVE],
    );
    return rows.length > 0;
  }

  liveCallsFor(user: AuthUser): Promise<CallRecord[]> {
    return user.role === 'customer'
      ? this.records(
          `${callSelect('calls')} WHERE c.customer_id = $1 AND c.status = ANY($2::varchar[])
           ORDER BY c.created_at DESC`,
          [user.id, LIVE],
        )
      : this.records(
          `${callSelect('calls')} WHERE c.status = ANY($3::varchar[])
             AND (c.staff_id = $1 OR (c.shop_id = $2 AND c.status = 'ringing' AND c.initiated_by = 'customer'))
           ORDER BY c.created_at DESC`,
          [user.id, user.shopId, LIVE],
        );
  }

  async checkCustomerCalls(requests: CustomerCallCheck[]): Promise<CustomerCallFacts[]> {
    const rows: {
      shop_exists: boolean;
      product_id: string | null;
      product_shop_id: string | null;
      product_name: string | null;
      product_price: number | null;
      product_currency: string | null;
      product_image: string | null;
      caller_live: boolean;
      busy_staff: string[];
    }[] = await this.db.query(
      `WITH i AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(
           ord int, "shopId" uuid, "productId" uuid, "customerId" uuid, staff uuid[])
       )
       SELECT s.id IS NOT NULL AS shop_exists, p.id AS product_id, p.shop_id AS product_shop_id,
              p.name AS product_name, p.price AS product_price, p.currency AS product_currency,
              p.images->>0 AS product_image,
              EXISTS (SELECT 1 FROM calls WHERE customer_id = i."customerId"
                        AND status = ANY($2::varchar[])) AS caller_live,
              ARRAY(SELECT DISTINCT staff_id FROM calls
                    WHERE staff_id = ANY(i.staff) AND status = ANY($2::varchar[]))::text[] AS busy_staff
       FROM i
       LEFT JOIN shops s ON s.id = i."shopId"
       LEFT JOIN products p ON p.id = i."productId" AND p.deleted_at IS NULL
       ORDER BY i.ord`,
      [JSON.stringify(requests.map((r, ord) => ({ ord, ...r }))), LIVE],
    );
    return rows.map((r) => ({
      shopExists: r.shop_exists,
      product:
        r.product_id && r.product_shop_id
          ? {
              id: r.product_id,
              shopId: r.product_shop_id,
              name: r.product_name ?? '',
              price: r.product_price ?? 0,
              currency: (r.product_currency ?? 'USD').trim(),
              image: r.product_image,
            }
          : null,
      callerLive: r.caller_live,
      busyStaff: r.busy_staff ?? [],
    }));
  }

  async insert(calls: NewCall[], ringTimeoutMs: number): Promise<(CallRecord | null)[]> {
    if (!calls.length) return [];
    const customers = new Set(calls.map((c) => c.customerId));
    if (customers.size !== calls.length) throw new Error('A customer appears once per insert');
    const rows = calls.map((c) => ({
      customer_id: c.customerId,
      shop_id: c.shopId,
      staff_id: c.staffId,
      product_id: c.product?.id ?? null,
      product_name: c.product?.name ?? null,
      product_price: c.product?.price ?? null,
      product_currency: c.product?.currency ?? null,
      product_image: c.product?.image ?? null,
      type: c.type,
      initiated_by: c.initiatedBy,
      status: c.status,
      end_reason: c.endReason,
      caller_device_id: c.status === 'ringing' ? c.callerDeviceId : null,
      ringing: c.status === 'ringing',
      ended: ON_ENTER[c.status].ended,
    }));
    const records = await this.records(
      `WITH i AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(
           customer_id uuid, shop_id uuid, staff_id uuid, product_id uuid, product_name varchar,
           product_price int, product_currency varchar, product_image text, type varchar,
           initiated_by varchar, status varchar, end_reason varchar, caller_device_id varchar,
           ringing boolean, ended boolean)
       ), c AS (
         INSERT INTO calls (${NEW_CALL_COLUMNS})
         SELECT customer_id, shop_id, staff_id, product_id, product_name, product_price, product_currency,
                product_image, type, initiated_by, status, end_reason, caller_device_id,
                CASE WHEN ringing THEN now() + make_interval(secs => $2::double precision / 1000) END,
                CASE WHEN ended THEN now() END
         FROM i
         -- A live call of the same customer committed meanwhile: not inserted.
         ON CONFLICT DO NOTHING
         RETURNING *
       ) ${callSelect('c')}`,
      [JSON.stringify(rows), ringTimeoutMs],
    );
    const byCustomer = new Map(records.map((r) => [r.customerId, r]));
    return calls.map((c) => byCustomer.get(c.customerId) ?? null);
  }

  async transition(filter: CallFilter, change: CallChange): Promise<CallRecord[]> {
    const from = allowedFrom(change.to, filter.from);
    if (!from.length) return [];
    const p = new Params();
    const sets = setOf(change, p);
    const where = [...whereOf(filter, p), `c.status = ANY(${p.add(from)}::varchar[])`];
    return this.records(
      `WITH c AS (
         UPDATE calls c SET ${sets.join(', ')}
         WHERE ${where.map((w) => `(${w})`).join(' AND ')}
         RETURNING c.*
       ) ${callSelect('c')}`,
      p.values,
    );
  }

  async bindDevice(
    callId: string,
    side: CallSide,
    deviceId: string,
  ): Promise<{ record: CallRecord; wasLost: boolean } | null> {
    const { device, lost } = SIDE_COLUMNS[side];
    const rows: (CallRow & { prev_lost_at: Date | null })[] = await this.db.query(
      `WITH o AS (SELECT id, ${lost} AS prev_lost_at FROM calls WHERE id = $1 FOR UPDATE),
       c AS (
         UPDATE calls c SET ${device} = $2, ${lost} = NULL, updated_at = now()
         FROM o WHERE c.id = o.id AND c.status = ANY($3::varchar[])
         RETURNING c.*, o.prev_lost_at
       ) ${callSelect('c')}`,
      [callId, deviceId, LIVE],
    );
    return rows[0] ? { record: toCallRecord(rows[0]), wasLost: rows[0].prev_lost_at !== null } : null;
  }

  async releaseDevice(deviceId: string): Promise<{ record: CallRecord; side: CallSide }[]> {
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
    return rows.map((row) => ({ record: toCallRecord(row), side: row.lost_caller ? 'caller' : 'callee' }));
  }

  async boundDevices(): Promise<string[]> {
    const rows: { device: string }[] = await this.db.query(
      `SELECT device FROM calls, unnest(ARRAY[caller_device_id, callee_device_id]) AS device
       WHERE status = ANY($1::varchar[]) AND device IS NOT NULL`,
      [LIVE],
    );
    return rows.map((r) => r.device);
  }

  async hasContacted(shopId: string, customerId: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM calls WHERE shop_id = $1 AND customer_id = $2
       UNION ALL SELECT 1 FROM callback_requests WHERE shop_id = $1 AND customer_id = $2 LIMIT 1`,
      [shopId, customerId],
    );
    return rows.length > 0;
  }

  async contactedShops(customerId: string): Promise<string[]> {
    const rows: { shop_id: string }[] = await this.db.query(
      `SELECT shop_id FROM calls WHERE customer_id = $1
       UNION SELECT shop_id FROM callback_requests WHERE customer_id = $1`,
      [customerId],
    );
    return rows.map((r) => r.shop_id);
  }

  async contacts(shopId: string, limit: number): Promise<ContactRow[]> {
    const rows: { id: string; name: string; phone: string | null; last_contact_at: Date }[] =
      await this.db.query(
        `SELECT u.id, u.name, max(t.at) AS last_contact_at,
                coalesce(u.phone_number, (SELECT cr.phone_number FROM callback_requests cr
                   WHERE cr.shop_id = $1 AND cr.customer_id = u.id AND cr.phone_number IS NOT NULL
                   ORDER BY cr.created_at DESC LIMIT 1)) AS phone
         FROM (SELECT customer_id, created_at AS at FROM calls WHERE shop_id = $1
               UNION ALL SELECT customer_id, created_at FROM callback_requests WHERE shop_id = $1) t
         JOIN users u ON u.id = t.customer_id
         GROUP BY u.id ORDER BY last_contact_at DESC LIMIT $2`,
        [shopId, limit],
      );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      phone: r.phone,
      lastContactAt: new Date(r.last_contact_at),
    }));
  }

  async history(filter: HistoryFilter): Promise<{ records: CallRecord[]; total: number }> {
    const p = new Params();
    const mine = 'customerId' in filter.owner ? 'customer' : 'shop';
    const where =
      'customerId' in filter.owner
        ? [`c.customer_id = ${p.add(filter.owner.customerId)}`]
        : [`c.shop_id = ${p.add(filter.owner.shopId)}`];
    if (filter.status) where.push(`c.status = ${p.add(filter.status)}`);
    if (filter.direction) {
      where.push(`c.initiated_by ${filter.direction === 'outgoing' ? '=' : '<>'} ${p.add(mine)}`);
    }
    if (filter.from) where.push(`c.created_at >= ${p.add(filter.from)}::timestamptz`);
    if (filter.to) where.push(`c.created_at < ${p.add(filter.to)}::timestamptz`);
    const condition = where.join(' AND ');
    const [{ total }]: { total: string }[] = await this.db.query(
      `SELECT count(*) AS total FROM calls c WHERE ${condition}`,
      p.values,
    );
    const records = await this.records(
      `${callSelect('calls')} WHERE ${condition} ORDER BY c.created_at DESC, c.id DESC
       LIMIT ${p.add(filter.limit)} OFFSET ${p.add(filter.offset)}`,
      p.values,
    );
    return { records, total: Number(total) };
  }

  async shopSummary(shopId: string): Promise<CallSummaryDto> {
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
        [shopId],
      );
    return {
      missedToday: Number(row.missed_today),
      missedTotal: Number(row.missed_total),
      openCallbacks: Number(row.open_callbacks),
    };
  }
}
