import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  LIVE_CALL_STATUSES,
  type CallQualitySample,
  type CallStatus,
  type CallSummaryDto,
} from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';
import { callSelect, toCallRecord, type CallRecord, type CallRow } from '../model/call.mapper';
import { allowedFrom, ON_ENTER, type CallChange, type CallFilter, type CallSide } from '../model/call-state';
import {
  ADD_QUALITY_SAMPLE,
  CHECK_CUSTOMER_CALLS,
  HOLD_SIGNAL,
  NEW_CALL_COLUMNS,
  Params,
  RELEASE_DEVICE,
  REPORT_MEDIA,
  SHOP_CONTACTS,
  SHOP_SUMMARY,
  SIDE_COLUMNS,
  setOf,
  staffDeclineSql,
  TAKE_HELD_SIGNALS,
  whereOf,
} from './call-sql';
import type { NewCall } from '../model/new-call';
import {
  CallsRepository,
  type CallBinding,
  type ContactRow,
  type CustomerCallCheck,
  type CustomerCallFacts,
  type HistoryFilter,
  type MediaChange,
  MAX_QUALITY_SAMPLES,
} from './calls.repository';

const LIVE = LIVE_CALL_STATUSES as CallStatus[];
/**
 * Calls in PostgreSQL, each query by name. Longer than the ~300 lines the library aims for, on
 * purpose: it is the one implementation of the `CallsRepository` contract, one short method
 * per query (the SQL itself is in `call-sql.ts`); splitting it would split one contract.
 */
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
    }[] = await this.db.query(CHECK_CUSTOMER_CALLS, [
      JSON.stringify(requests.map((r, ord) => ({ ord, ...r }))),
      LIVE,
    ]);
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

  async holdSignal(
    callId: string,
    deviceId: string,
    signal: unknown,
    max: number,
  ): Promise<'held' | 'full' | 'not-ringing'> {
    const rows: { held: boolean }[] = await this.db.query(HOLD_SIGNAL, [
      callId,
      deviceId,
      JSON.stringify(signal),
      max,
    ]);
    if (!rows.length) return 'not-ringing';
    return rows[0].held ? 'held' : 'full';
  }

  async takeHeldSignals(callId: string): Promise<unknown[]> {
    const rows: { held: unknown[] | null }[] = await this.db.query(TAKE_HELD_SIGNALS, [callId]);
    return rows[0]?.held ?? [];
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

  async staffDecline(
    callId: string,
    staff: { userId: string; shopId: string },
    availableStaff: string[],
  ): Promise<CallRecord | null> {
    const { sql, values } = staffDeclineSql(callId, staff.userId, staff.shopId, availableStaff, LIVE);
    const [record] = await this.records(sql, values);
    return record ?? null;
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
    const rows: (CallRow & { lost_caller: boolean })[] = await this.db.query(RELEASE_DEVICE, [
      deviceId,
      LIVE,
    ]);
    return rows.map((row) => ({ record: toCallRecord(row), side: row.lost_caller ? 'caller' : 'callee' }));
  }

  async reportMedia(callId: string, deviceId: string, flowing: boolean): Promise<MediaChange | null> {
    const rows: (CallRow & {
      is_caller: boolean;
      was_flowing: boolean;
      was_connected: boolean;
      side_was_flowing: boolean;
    })[] = await this.db.query(REPORT_MEDIA, [callId, deviceId, flowing]);
    const row = rows[0];
    if (!row) return null;
    const record = toCallRecord(row);
    return {
      record,
      side: row.is_caller ? 'caller' : 'callee',
      wasFlowing: row.was_flowing,
      flowing: row.caller_media && row.callee_media,
      sideWasFlowing: row.side_was_flowing,
      connectedNow: !row.was_connected && record.call.connectedAt !== null,
    };
  }

  async addQualitySample(callId: string, deviceId: string, s: CallQualitySample): Promise<boolean> {
    const rows = await this.db.query(ADD_QUALITY_SAMPLE, [
      callId,
      deviceId,
      s.rttMs,
      s.lossPct,
      s.jitterMs,
      s.bitrateKbps,
      s.fps,
      s.width,
      s.height,
      s.relayed,
      MAX_QUALITY_SAMPLES,
    ]);
    return rows.length > 0;
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
      await this.db.query(SHOP_CONTACTS, [shopId, limit]);
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
      await this.db.query(SHOP_SUMMARY, [shopId]);
    return {
      missedToday: Number(row.missed_today),
      missedTotal: Number(row.missed_total),
      openCallbacks: Number(row.open_callbacks),
    };
  }
}
