import type { Statement } from '../exports/export-queries';

/** How many of each kind a timeline holds at most (the newest). */
export const TIMELINE_LIMIT = 200;

/** The customer, if they ever called, were called by or asked the shop for a callback. */
export function contactStatement(shopId: string, customerId: string): Statement {
  return {
    sql: `SELECT u.id, u.name FROM users u
          WHERE u.id = $2 AND u.role = 'customer'
            AND (EXISTS (SELECT 1 FROM calls c WHERE c.customer_id = u.id AND c.shop_id = $1)
              OR EXISTS (SELECT 1 FROM callback_requests r WHERE r.customer_id = u.id AND r.shop_id = $1))`,
    params: [shopId, customerId],
  };
}

export interface TimelineCallRow {
  id: string;
  created_at: Date;
  initiated_by: 'customer' | 'shop';
  type: string;
  status: string;
  end_reason: string | null;
  staff_id: string | null;
  staff_name: string | null;
  product_id: string | null;
  product_name: string | null;
  duration_seconds: number | null;
}

export function timelineCallsStatement(shopId: string, customerId: string): Statement {
  return {
    sql: `SELECT c.id, c.created_at, c.initiated_by, c.type, c.status, c.end_reason, c.staff_id,
                 st.name AS staff_name, c.product_id, c.product_name, c.duration_seconds
          FROM calls c LEFT JOIN users st ON st.id = c.staff_id
          WHERE c.customer_id = $2 AND c.shop_id = $1
          ORDER BY c.created_at DESC LIMIT ${TIMELINE_LIMIT}`,
    params: [shopId, customerId],
  };
}

export interface CallNoteRow {
  id: string;
  call_id: string;
  body: string;
  tags: string[];
  author_id: string | null;
  author_name: string | null;
  created_at: Date;
}

const NOTE_COLUMNS = `n.id, n.call_id, n.body, n.tags, n.author_id, a.name AS author_name, n.created_at`;

/** The shop's notes on these calls, oldest first. */
export function notesStatement(shopId: string, callIds: string[]): Statement {
  return {
    sql: `SELECT ${NOTE_COLUMNS} FROM call_notes n LEFT JOIN users a ON a.id = n.author_id
          WHERE n.shop_id = $1 AND n.call_id = ANY($2::uuid[])
          ORDER BY n.created_at, n.id`,
    params: [shopId, callIds],
  };
}

/** Adds a note to a call of the shop (no row when the call is not the shop's). */
export function addNoteStatement(
  shopId: string,
  callId: string,
  authorId: string,
  body: string,
  tags: string[],
): Statement {
  return {
    sql: `WITH n AS (
            INSERT INTO call_notes (call_id, shop_id, author_id, body, tags)
            SELECT c.id, c.shop_id, $3, $4, $5::text[] FROM calls c WHERE c.id = $1 AND c.shop_id = $2
            RETURNING *)
          SELECT ${NOTE_COLUMNS} FROM n LEFT JOIN users a ON a.id = n.author_id`,
    params: [callId, shopId, authorId, body, tags],
  };
}

export interface TimelineCallbackRow {
  id: string;
  created_at: Date;
  status: string;
  preference: string;
  note: string | null;
  product_id: string | null;
  product_name: string | null;
  handled_at: Date | null;
}

export function timelineCallbacksStatement(shopId: string, customerId: string): Statement {
  return {
    sql: `SELECT r.id, r.created_at, r.status, r.preference, r.note, r.product_id, r.product_name, r.handled_at
          FROM callback_requests r
          WHERE r.customer_id = $2 AND r.shop_id = $1
          ORDER BY r.created_at DESC LIMIT ${TIMELINE_LIMIT}`,
    params: [shopId, customerId],
  };
}

export interface TimelineOrderRow {
  id: string;
  created_at: Date;
  status: string;
  total: string;
  currency: string;
  items: number;
  assisted_by_call_id: string | null;
}

export function timelineOrdersStatement(shopId: string, customerId: string): Statement {
  return {
    sql: `SELECT o.id, o.created_at, o.status, o.total::text AS total, o.currency,
                 (SELECT coalesce(sum(i.quantity), 0)::int FROM order_items i WHERE i.order_id = o.id) AS items,
                 o.assisted_by_call_id
          FROM orders o
          WHERE o.customer_id = $2 AND o.shop_id = $1
          ORDER BY o.created_at DESC LIMIT ${TIMELINE_LIMIT}`,
    params: [shopId, customerId],
  };
}
