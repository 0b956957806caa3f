import type { CallbackStatus, CallDirection, CallStatus } from '@callshop/contracts';

/** A parameterised statement: SQL with `$n` placeholders and their values. */
export interface Statement {
  sql: string;
  params: unknown[];
}

export interface CallExportFilter {
  shopId: string;
  status?: CallStatus;
  /** From the shop's point of view: `outgoing` are the calls its staff placed. */
  direction?: CallDirection;
  from?: string;
  to?: string;
}

/** One exported call, as the query returns it. */
export interface CallExportRow {
  id: string;
  created_at: Date;
  initiated_by: 'customer' | 'shop';
  type: string;
  status: string;
  end_reason: string | null;
  customer_name: string;
  staff_name: string | null;
  product_name: string | null;
  product_price: number | null;
  product_currency: string | null;
  answered_at: Date | null;
  connected_at: Date | null;
  ended_at: Date | null;
  duration_seconds: number | null;
}

/**
 * A shop's calls with the history's filters (`GET /calls`), newest first, in the order and
 * with the conditions of the history (`calls_shop_status` index).
 */
export function shopCallsStatement(f: CallExportFilter): Statement {
  const params: unknown[] = [f.shopId];
  const add = (value: unknown) => `$${params.push(value)}`;
  const where = ['c.shop_id = $1'];
  if (f.status) where.push(`c.status = ${add(f.status)}`);
  if (f.direction) where.push(`c.initiated_by ${f.direction === 'outgoing' ? '=' : '<>'} 'shop'`);
  if (f.from) where.push(`c.created_at >= ${add(f.from)}::timestamptz`);
  if (f.to) where.push(`c.created_at < ${add(f.to)}::timestamptz`);
  return {
    sql: `SELECT c.id, c.created_at, c.initiated_by, c.type, c.status, c.end_reason,
                 cu.name AS customer_name, st.name AS staff_name, c.product_name, c.product_price,
                 c.product_currency, c.answered_at, c.connected_at, c.ended_at, c.duration_seconds
          FROM calls c
          JOIN users cu ON cu.id = c.customer_id
          LEFT JOIN users st ON st.id = c.staff_id
          WHERE ${where.join(' AND ')}
          ORDER BY c.created_at DESC, c.id DESC`,
    params,
  };
}

export interface CallbackExportFilter {
  shopId: string;
  status?: CallbackStatus;
}

/** One exported callback request. */
export interface CallbackExportRow {
  id: string;
  created_at: Date;
  status: string;
  preference: string;
  customer_name: string;
  phone_number: string | null;
  product_name: string | null;
  note: string | null;
  handled_by_name: string | null;
  handled_at: Date | null;
}

/** A shop's callback requests with the list's filter (`GET /callbacks`), newest first. */
export function shopCallbacksStatement(f: CallbackExportFilter): Statement {
  const params: unknown[] = [f.shopId];
  const status = f.status ? ` AND r.status = $${params.push(f.status)}` : '';
  return {
    sql: `SELECT r.id, r.created_at, r.status, r.preference, cu.name AS customer_name, r.phone_number,
                 r.product_name, r.note, h.name AS handled_by_name, r.handled_at
          FROM callback_requests r
          JOIN users cu ON cu.id = r.customer_id
          LEFT JOIN users h ON h.id = r.handled_by_id
          WHERE r.shop_id = $1${status}
          ORDER BY r.created_at DESC, r.id DESC`,
    params,
  };
}
