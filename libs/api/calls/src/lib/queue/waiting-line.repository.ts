import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  LIVE_CALL_STATUSES,
  WAITING_LINE_DEFAULT_TALK_SECONDS,
  WAITING_LINE_RECENT_CALLS,
  type CallType,
  type ProductSummary,
  type WaitingLineEndReason,
  type WaitingLineStatus,
} from '@callshop/contracts';

/** One row of `waiting_line`, with the names the views need. */
export interface LineEntry {
  id: string;
  seq: number;
  shopId: string;
  shopName: string;
  customerId: string;
  customerName: string;
  product: ProductSummary | null;
  type: CallType;
  status: WaitingLineStatus;
  endReason: WaitingLineEndReason | null;
  deviceId: string | null;
  callId: string | null;
  joinedAt: Date;
}

interface LineRow {
  id: string;
  seq: string;
  shop_id: string;
  shop_name: string;
  customer_id: string;
  customer_name: string;
  product_id: string | null;
  product_name: string | null;
  product_price: number | null;
  product_currency: string | null;
  product_image: string | null;
  type: CallType;
  status: WaitingLineStatus;
  end_reason: WaitingLineEndReason | null;
  device_id: string | null;
  call_id: string | null;
  joined_at: Date;
}

const SELECT = `SELECT w.id, w.seq, w.shop_id, s.name AS shop_name, w.customer_id, u.name AS customer_name,
         p.id AS product_id, p.name AS product_name, p.price AS product_price, p.currency AS product_currency,
         p.images->>0 AS product_image, w.type, w.status, w.end_reason, w.device_id, w.call_id, w.joined_at
       FROM waiting_line w
       JOIN shops s ON s.id = w.shop_id
       JOIN users u ON u.id = w.customer_id
       LEFT JOIN products p ON p.id = w.product_id`;

const toEntry = (r: LineRow): LineEntry => ({
  id: r.id,
  seq: Number(r.seq),
  shopId: r.shop_id,
  shopName: r.shop_name,
  customerId: r.customer_id,
  customerName: r.customer_name,
  product: r.product_id
    ? {
        id: r.product_id,
        name: r.product_name ?? '',
        price: r.product_price ?? 0,
        currency: (r.product_currency ?? 'USD').trim(),
        image: r.product_image,
      }
    : null,
  type: r.type,
  status: r.status,
  endReason: r.end_reason,
  deviceId: r.device_id,
  callId: r.call_id,
  joinedAt: r.joined_at,
});

/** The shop's capacity as the database sees it: staff in a live call, customers' calls still ringing. */
export interface ShopCallLoad {
  busyStaffIds: string[];
  ringing: number;
}

/** Every query of the waiting line, by name. Order in line is `seq` (a sequence: first come, first served). */
@Injectable()
export class WaitingLineRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Adds the customer to the shop's line. Returns null when they wait in a line already (one
   * waiting entry per customer, by a unique index, so two joins at once add one).
   */
  async insert(entry: {
    shopId: string;
    customerId: string;
    productId: string;
    type: CallType;
    deviceId: string;
  }): Promise<LineEntry | null> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO waiting_line (shop_id, customer_id, product_id, type, device_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (customer_id) WHERE status = 'waiting' DO NOTHING RETURNING id`,
      [entry.shopId, entry.customerId, entry.productId, entry.type, entry.deviceId],
    );
    return rows[0] ? this.byId(rows[0].id) : null;
  }

  async byId(id: string): Promise<LineEntry | null> {
    const rows: LineRow[] = await this.db.query(`${SELECT} WHERE w.id = $1`, [id]);
    return rows[0] ? toEntry(rows[0]) : null;
  }

  /** The customer's waiting entry, in whichever shop's line. */
  async waitingOf(customerId: string): Promise<LineEntry | null> {
    const rows: LineRow[] = await this.db.query(
      `${SELECT} WHERE w.customer_id = $1 AND w.status = 'waiting'`,
      [customerId],
    );
    return rows[0] ? toEntry(rows[0]) : null;
  }

  /** The customer's latest entry in this shop's line, waiting or not. */
  async latestOf(customerId: string, shopId: string): Promise<LineEntry | null> {
    const rows: LineRow[] = await this.db.query(
      `${SELECT} WHERE w.customer_id = $1 AND w.shop_id = $2 ORDER BY w.seq DESC LIMIT 1`,
      [customerId, shopId],
    );
    return rows[0] ? toEntry(rows[0]) : null;
  }

  /** The shop's line, head first. */
  async waiting(shopId: string, db: EntityManager | DataSource = this.db, limit = 500): Promise<LineEntry[]> {
    const rows: LineRow[] = await db.query(
      `${SELECT} WHERE w.shop_id = $1 AND w.status = 'waiting' ORDER BY w.seq LIMIT $2`,
      [shopId, limit],
    );
    return rows.map(toEntry);
  }

  async length(shopId: string): Promise<number> {
    const [row]: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM waiting_line WHERE shop_id = $1 AND status = 'waiting'`,
      [shopId],
    );
    return row.n;
  }

  /** 1 for the head of the line; null when the entry is not waiting. */
  async position(entryId: string): Promise<number | null> {
    const [row]: { n: number | null }[] = await this.db.query(
      `SELECT (SELECT count(*)::int FROM waiting_line o
                WHERE o.shop_id = w.shop_id AND o.status = 'waiting' AND o.seq <= w.seq) AS n
       FROM waiting_line w WHERE w.id = $1 AND w.status = 'waiting'`,
      [entryId],
    );
    return row?.n ?? null;
  }

  /** Of these shops, those with someone waiting, and who. */
  async waitingCustomers(shopIds: string[]): Promise<Map<string, Set<string>>> {
    const found = new Map<string, Set<string>>();
    if (!shopIds.length) return found;
    const rows: { shop_id: string; customers: string[] }[] = await this.db.query(
      `SELECT shop_id, array_agg(customer_id::text) AS customers FROM waiting_line
       WHERE status = 'waiting' AND shop_id = ANY($1::uuid[]) GROUP BY shop_id`,
      [[...new Set(shopIds)]],
    );
    for (const r of rows) found.set(r.shop_id, new Set(r.customers));
    return found;
  }

  async shopsWithLine(): Promise<string[]> {
    const rows: { shop_id: string }[] = await this.db.query(
      `SELECT DISTINCT shop_id FROM waiting_line WHERE status = 'waiting'`,
    );
    return rows.map((r) => r.shop_id);
  }

  /** Every waiting customer with their entries, for the devices check. */
  async waitingCustomerIds(): Promise<string[]> {
    const rows: { customer_id: string }[] = await this.db.query(
      `SELECT customer_id FROM waiting_line WHERE status = 'waiting'`,
    );
    return rows.map((r) => r.customer_id);
  }

  /**
   * Leaves the line: `waiting` → `left` / `dropped` (or `rung` with its call), one conditional
   * update, so of a leave and a dispatch racing, one wins. Returns the entry, or null when it
   * was no longer waiting.
   */
  async finish(
    filter: { id: string } | { customerId: string; shopId: string },
    to: Exclude<WaitingLineStatus, 'waiting'>,
    change: { endReason?: WaitingLineEndReason; callId?: string; deviceId?: string } = {},
    db: EntityManager | DataSource = this.db,
  ): Promise<LineEntry | null> {
    const params: unknown[] = [to, change.endReason ?? null, change.callId ?? null, change.deviceId ?? null];
    let where: string;
    if ('id' in filter) {
      params.push(filter.id);
      where = 'id = $5';
    } else {
      params.push(filter.customerId, filter.shopId);
      where = 'customer_id = $5 AND shop_id = $6';
    }
    const rows: { id: string }[] = await db.query(
      `WITH u AS (
         UPDATE waiting_line SET status = $1, end_reason = $2, call_id = $3,
                device_id = coalesce($4, device_id), left_at = now(), updated_at = now()
         WHERE ${where} AND status = 'waiting' RETURNING id
       ) SELECT id FROM u`,
      params,
    );
    if (!rows[0]) return null;
    const [row]: LineRow[] = await db.query(`${SELECT} WHERE w.id = $1`, [rows[0].id]);
    return row ? toEntry(row) : null;
  }

  /** The device a waiting entry's call will bind to (a new tab of the customer took over). */
  async setDevice(entryId: string, deviceId: string): Promise<void> {
    await this.db.query(`UPDATE waiting_line SET device_id = $2, updated_at = now() WHERE id = $1`, [
      entryId,
      deviceId,
    ]);
  }

  /**
   * Marks the waiting customers in `offline` as away from now (kept if already away), clears it
   * for the others, and drops those away for longer than `graceMs`. Returns the dropped entries.
   */
  async markAway(offline: string[], graceMs: number): Promise<LineEntry[]> {
    await this.db.query(
      `UPDATE waiting_line SET away_since = CASE WHEN customer_id = ANY($1::uuid[])
                                                 THEN coalesce(away_since, now()) END
       WHERE status = 'waiting' AND (away_since IS NOT NULL OR customer_id = ANY($1::uuid[]))`,
      [offline],
    );
    const rows: { id: string }[] = await this.db.query(
      `WITH u AS (
         UPDATE waiting_line SET status = 'dropped', end_reason = 'devices_gone', left_at = now(), updated_at = now()
         WHERE status = 'waiting' AND away_since < now() - make_interval(secs => $1::double precision / 1000)
         RETURNING id
       ) SELECT id FROM u`,
      [graceMs],
    );
    const dropped: LineEntry[] = [];
    for (const r of rows) {
      const e = await this.byId(r.id);
      if (e) dropped.push(e);
    }
    return dropped;
  }

  /** Staff of `staffIds` in a live call, and the shop's customers' calls still ringing. */
  async load(
    shopId: string,
    staffIds: string[],
    db: EntityManager | DataSource = this.db,
  ): Promise<ShopCallLoad> {
    const [row]: { busy: string[]; ringing: number }[] = await db.query(
      `SELECT ARRAY(SELECT DISTINCT staff_id::text FROM calls
                    WHERE staff_id = ANY($2::uuid[]) AND status = ANY($3::varchar[])) AS busy,
              (SELECT count(*)::int FROM calls
                WHERE shop_id = $1 AND initiated_by = 'customer' AND status = 'ringing') AS ringing`,
      [shopId, staffIds, LIVE_CALL_STATUSES],
    );
    return { busyStaffIds: row.busy, ringing: row.ringing };
  }

  /** Median talk time of the shop's last connected calls, in seconds (a default while it has none). */
  async typicalTalkSeconds(shopId: string): Promise<number> {
    const [row]: { median: number | null }[] = await this.db.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_seconds) AS median
       FROM (SELECT duration_seconds FROM calls
             WHERE shop_id = $1 AND connected_at IS NOT NULL AND duration_seconds IS NOT NULL
             ORDER BY created_at DESC LIMIT $2) recent`,
      [shopId, WAITING_LINE_RECENT_CALLS],
    );
    return row.median === null ? WAITING_LINE_DEFAULT_TALK_SECONDS : Math.max(1, Math.round(row.median));
  }

  /** Does the shop exist, and does it sell the product. */
  async shopAndProduct(
    shopId: string,
    productId: string,
  ): Promise<{ shopExists: boolean; productShopId: string | null }> {
    const [row]: { shop_exists: boolean; product_shop_id: string | null }[] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM shops WHERE id = $1) AS shop_exists,
              (SELECT shop_id FROM products WHERE id = $2 AND deleted_at IS NULL) AS product_shop_id`,
      [shopId, productId],
    );
    return { shopExists: row.shop_exists, productShopId: row.product_shop_id };
  }

  async shopExists(shopId: string): Promise<boolean> {
    const [row]: { e: boolean }[] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM shops WHERE id = $1) AS e`,
      [shopId],
    );
    return row.e;
  }

  /**
   * Runs `work` holding the shop's line lock (a transaction-scoped advisory lock), so one
   * instance at a time dispatches a shop's line; the others wait, then see what it did.
   */
  async withShopLock<T>(shopId: string, work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('waiting_line'), hashtext($1))`, [shopId]);
      return work(manager);
    });
  }
}
