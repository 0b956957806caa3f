import type { Statement } from '../exports/export-queries';

/** A shop and a period of local calendar days (`from`..`to`, both included) in an IANA zone. */
export interface AnalyticsScope {
  shopId: string;
  /** `YYYY-MM-DD` */
  from: string;
  /** `YYYY-MM-DD`, included */
  to: string;
  timeZone: string;
}

/**
 * Every statement takes the same four parameters: $1 shop, $2 first day, $3 last day, $4 zone.
 * A local day starts at its local midnight (`day::timestamp AT TIME ZONE zone`), so a DST day
 * is 23 or 25 hours long and a call at 23:30 UTC on 31 March is 1 April in Berlin.
 */
const params = (s: AnalyticsScope): unknown[] => [s.shopId, s.from, s.to, s.timeZone];

/** The period's first instant and its end (exclusive), as `timestamptz` expressions. */
const START = `($2::date)::timestamp AT TIME ZONE $4`;
const END = `($3::date + 1)::timestamp AT TIME ZONE $4`;
/** Rows of the shop created in the period: the `(shop_id, created_at)` indexes serve it. */
const inPeriod = (alias: string, column = 'created_at') =>
  `${alias}.shop_id = $1 AND ${alias}.${column} >= ${START} AND ${alias}.${column} < ${END}`;
/** Every local day of the period (`d.day`, a `date`), empty ones too. */
const DAYS = `(SELECT g::date AS day
               FROM generate_series(($2::date)::timestamp, ($3::date)::timestamp, interval '1 day') g) d`;
/** The local calendar day of an instant. */
const localDay = (column: string) => `(${column} AT TIME ZONE $4)::date`;

/**
 * Where the call statements read the period's calls: the table itself (each statement on its
 * own, as the benchmark times them), or `period_calls`, the rows one scan of the covering index
 * gave, with their local time computed once (`figuresStatement`).
 */
interface CallSource {
  rows: string;
  where: string;
  /** The call's local time (`timestamp`) in the zone. */
  local: string;
}
const CALLS_TABLE: CallSource = {
  rows: 'calls c',
  where: inPeriod('c'),
  local: '(c.created_at AT TIME ZONE $4)',
};
const PERIOD_CALLS: CallSource = { rows: 'period_calls c', where: 'true', local: 'c.local' };

export interface CallsPerDayRow {
  date: string;
  ended: number;
  failed: number;
  missed: number;
  declined: number;
  busy: number;
  cancelled: number;
  live: number;
}

/**
 * Every local day of the period with its calls (both directions) by outcome; empty days too.
 * One scan of the period, grouped by each call's local day, then laid on the calendar.
 */
export function callsPerDayStatement(s: AnalyticsScope, src = CALLS_TABLE): Statement {
  const outcomes = ['ended', 'failed', 'missed', 'declined', 'busy', 'cancelled'];
  const n = (status: string) => `count(*) FILTER (WHERE c.status = '${status}')::int AS ${status}`;
  return {
    sql: `WITH per AS (
            SELECT (${src.local})::date AS day, ${outcomes.map(n).join(', ')},
                   count(*) FILTER (WHERE c.status IN ('ringing', 'accepted'))::int AS live
            FROM ${src.rows}
            WHERE ${src.where}
            GROUP BY 1)
          SELECT to_char(d.day, 'YYYY-MM-DD') AS date,
                 ${[...outcomes, 'live'].map((o) => `coalesce(per.${o}, 0) AS ${o}`).join(', ')}
          FROM ${DAYS}
          LEFT JOIN per ON per.day = d.day
          ORDER BY d.day`,
    params: params(s),
  };
}

export interface AnsweringRow {
  incoming: number;
  answered: number;
  median_seconds: number | null;
  p90_seconds: number | null;
}

/**
 * Incoming calls that stopped ringing, how many were answered, and the answered calls' ring
 * time (created → answered): continuous median and 90th percentile.
 */
export function answeringStatement(s: AnalyticsScope, src = CALLS_TABLE): Statement {
  const ring = `extract(epoch FROM c.answered_at - c.created_at)`;
  return {
    sql: `SELECT count(*)::int AS incoming,
                 count(c.answered_at)::int AS answered,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY ${ring})
                   FILTER (WHERE c.answered_at IS NOT NULL) AS median_seconds,
                 percentile_cont(0.9) WITHIN GROUP (ORDER BY ${ring})
                   FILTER (WHERE c.answered_at IS NOT NULL) AS p90_seconds
          FROM ${src.rows}
          WHERE ${src.where} AND c.initiated_by = 'customer' AND c.status <> 'ringing'`,
    params: params(s),
  };
}

/** Incoming calls that ended without an answer, by end reason, most frequent first. */
export function missedByReasonStatement(s: AnalyticsScope, src = CALLS_TABLE): Statement {
  return {
    sql: `SELECT c.end_reason AS reason, count(*)::int AS count
          FROM ${src.rows}
          WHERE ${src.where} AND c.initiated_by = 'customer' AND c.answered_at IS NULL
            AND c.status NOT IN ('ringing', 'accepted')
          GROUP BY c.end_reason
          ORDER BY count DESC, reason`,
    params: params(s),
  };
}

export interface HourRow {
  /** ISO weekday: 1 = Monday … 7 = Sunday, in the zone. */
  dow: number;
  hour: number;
  count: number;
}

/** Incoming calls by local weekday and hour (only the cells that have calls). */
export function busiestHoursStatement(s: AnalyticsScope, src = CALLS_TABLE): Statement {
  return {
    sql: `SELECT extract(isodow FROM ${src.local})::int AS dow,
                 extract(hour FROM ${src.local})::int AS hour,
                 count(*)::int AS count
          FROM ${src.rows}
          WHERE ${src.where} AND c.initiated_by = 'customer'
          GROUP BY 1, 2`,
    params: params(s),
  };
}

export interface ProductRow {
  product_id: string;
  name: string;
  calls: number;
  orders: number;
  assisted_orders: number;
  /** bigint sums arrive as strings */
  revenue: string;
  assisted_revenue: string;
  currency: string | null;
}

/**
 * Per product: calls about it, and the orders (not cancelled) holding it with their revenue
 * (line price × quantity, minor units), in total and for orders assisted by a call. Without the
 * orders' assisted link (`assisted`: false) the assisted figures are 0.
 */
export function productsStatement(s: AnalyticsScope, assisted: boolean, src = CALLS_TABLE): Statement {
  const isAssisted = assisted ? 'o.assisted_by_call_id IS NOT NULL' : 'false';
  // The lines are looked up per order and the names per product (LATERAL; OFFSET 0 keeps the
  // planner from flattening them into hash joins over every order line and product, which it
  // picks when it overestimates the rows): a period holds a few hundred of the shop's orders.
  return {
    sql: `WITH pc AS (
            SELECT c.product_id, count(*)::int AS calls
            FROM ${src.rows}
            WHERE ${src.where} AND c.product_id IS NOT NULL
            GROUP BY c.product_id),
          po AS (
            SELECT i.product_id, min(i.currency) AS currency,
                   count(DISTINCT o.id)::int AS orders,
                   count(DISTINCT o.id) FILTER (WHERE ${isAssisted})::int AS assisted_orders,
                   sum(i.price::bigint * i.quantity) AS revenue,
                   coalesce(sum(i.price::bigint * i.quantity) FILTER (WHERE ${isAssisted}), 0) AS assisted_revenue
            FROM orders o
            CROSS JOIN LATERAL (SELECT li.product_id, li.currency, li.price, li.quantity
                                FROM order_items li WHERE li.order_id = o.id AND li.product_id IS NOT NULL OFFSET 0) i
            WHERE ${inPeriod('o')} AND o.status <> 'cancelled'
            GROUP BY i.product_id),
          both_ AS (
            SELECT coalesce(pc.product_id, po.product_id) AS product_id, coalesce(pc.calls, 0) AS calls,
                   coalesce(po.orders, 0) AS orders, coalesce(po.assisted_orders, 0) AS assisted_orders,
                   coalesce(po.revenue, 0) AS revenue, coalesce(po.assisted_revenue, 0) AS assisted_revenue,
                   po.currency
            FROM pc FULL JOIN po ON po.product_id = pc.product_id)
          SELECT b.product_id, n.name, b.calls, b.orders, b.assisted_orders, b.revenue::text AS revenue,
                 b.assisted_revenue::text AS assisted_revenue, b.currency
          FROM both_ b
          CROSS JOIN LATERAL (SELECT p.name FROM products p WHERE p.id = b.product_id OFFSET 0) n
          ORDER BY b.calls DESC, b.revenue DESC, n.name`,
    params: params(s),
  };
}

export interface StaffRow {
  staff_id: string;
  name: string;
  calls_taken: number;
  calls_placed: number;
  average_talk_seconds: number | null;
  average_rating: number | null;
}

/**
 * Every member of the shop's staff (and anyone who took its calls in the period): incoming
 * calls answered, calls placed, mean talk time of connected calls, and the mean of the
 * customers' ratings (`call_ratings.stars`) when this database records ratings (`ratings`).
 */
export function staffStatement(s: AnalyticsScope, ratings: boolean, src = CALLS_TABLE): Statement {
  const rating = ratings ? 'avg(r.stars)::float8' : 'NULL::float8';
  const join = ratings ? 'LEFT JOIN call_ratings r ON r.call_id = c.id' : '';
  return {
    sql: `WITH sc AS (
            SELECT c.staff_id,
                   count(*) FILTER (WHERE c.initiated_by = 'customer' AND c.answered_at IS NOT NULL)::int AS calls_taken,
                   count(*) FILTER (WHERE c.initiated_by = 'shop')::int AS calls_placed,
                   avg(c.duration_seconds)::float8 AS average_talk_seconds,
                   ${rating} AS average_rating
            FROM ${src.rows} ${join}
            WHERE ${src.where} AND c.staff_id IS NOT NULL
            GROUP BY c.staff_id)
          SELECT u.id AS staff_id, u.name, coalesce(sc.calls_taken, 0) AS calls_taken,
                 coalesce(sc.calls_placed, 0) AS calls_placed, sc.average_talk_seconds, sc.average_rating
          FROM (SELECT id FROM users WHERE shop_id = $1 UNION SELECT staff_id FROM sc) m
          JOIN users u ON u.id = m.id
          LEFT JOIN sc ON sc.staff_id = u.id
          ORDER BY calls_taken DESC, calls_placed DESC, u.name`,
    params: params(s),
  };
}

export interface CallbacksPerDayRow {
  date: string;
  opened: number;
  closed: number;
  cancelled: number;
}

/**
 * Callback requests per local day: made, closed by the shop (called back or marked done) and
 * withdrawn by the customer, each counted on the day it happened.
 */
export function callbacksPerDayStatement(s: AnalyticsScope): Statement {
  return {
    sql: `WITH made AS (
            SELECT ${localDay('r.created_at')} AS day, count(*)::int AS n
            FROM callback_requests r
            WHERE ${inPeriod('r')}
            GROUP BY 1),
          handled AS (
            SELECT ${localDay('r.handled_at')} AS day,
                   count(*) FILTER (WHERE r.status IN ('done', 'called_back'))::int AS closed,
                   count(*) FILTER (WHERE r.status = 'cancelled')::int AS cancelled
            FROM callback_requests r
            WHERE ${inPeriod('r', 'handled_at')}
            GROUP BY 1)
          SELECT to_char(d.day, 'YYYY-MM-DD') AS date, coalesce(made.n, 0) AS opened,
                 coalesce(handled.closed, 0) AS closed, coalesce(handled.cancelled, 0) AS cancelled
          FROM ${DAYS}
          LEFT JOIN made ON made.day = d.day
          LEFT JOIN handled ON handled.day = d.day
          ORDER BY d.day`,
    params: params(s),
  };
}

/** Callback requests open now (made at any time). */
export function openCallbacksStatement(s: AnalyticsScope): Statement {
  return {
    sql: `SELECT count(*)::int AS open_now FROM callback_requests r WHERE r.shop_id = $1 AND r.status = 'open'`,
    params: [s.shopId],
  };
}

/** What this database records beyond the core tables (columns other features add). */
export interface AnalyticsFeatures {
  /** `orders.assisted_by_call_id` exists. */
  assistedOrders: boolean;
  /** `call_ratings` exists (customers rate their calls). */
  ratings: boolean;
}

/** Which of the optional tables and columns exist in this database (one row of two booleans). */
export const FEATURES_STATEMENT: Statement = {
  sql: `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                         AND table_name = 'orders' AND column_name = 'assisted_by_call_id') AS "assistedOrders",
               EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                         AND table_name = 'call_ratings' AND column_name = 'stars') AS ratings`,
  params: [],
};

/** Every statement the analytics run for one scope, by name (the service and the benchmark). */
export function analyticsStatements(s: AnalyticsScope, f: AnalyticsFeatures, src = CALLS_TABLE) {
  return {
    callsPerDay: callsPerDayStatement(s, src),
    answering: answeringStatement(s, src),
    missedByReason: missedByReasonStatement(s, src),
    busiestHours: busiestHoursStatement(s, src),
    products: productsStatement(s, f.assistedOrders, src),
    staff: staffStatement(s, f.ratings, src),
    callbacksPerDay: callbacksPerDayStatement(s),
    openCallbacks: openCallbacksStatement(s),
  } satisfies Record<string, Statement>;
}

/** What `figuresStatement` returns: one row, each figure group as JSON. */
export interface FiguresRow {
  period: { start: string; end: string };
  calls_per_day: CallsPerDayRow[];
  answering: AnsweringRow;
  missed_by_reason: { reason: string; count: number }[];
  busiest_hours: HourRow[];
  products: ProductRow[];
  staff: StaffRow[];
  callbacks_per_day: CallbacksPerDayRow[];
  open_callbacks: { open_now: number };
}

/**
 * Every figure group in one statement (each as JSON): one round trip instead of one per group,
 * one statement is one snapshot (every figure counts the same rows), and the period's calls
 * are read once from the covering index, their local time computed once.
 */
export function figuresStatement(s: AnalyticsScope, f: AnalyticsFeatures): Statement {
  const st = analyticsStatements(s, f, PERIOD_CALLS);
  // json_agg keeps the order of the sorted subquery it reads.
  const rows = (x: Statement) => `(SELECT coalesce(json_agg(t), '[]'::json) FROM (${x.sql}) t)`;
  const row = (x: Statement) => `(SELECT row_to_json(t) FROM (${x.sql}) t)`;
  return {
    sql: `WITH period_calls AS MATERIALIZED (
            SELECT c.id, c.status, c.initiated_by, c.end_reason, c.created_at, c.answered_at,
                   c.duration_seconds, c.staff_id, c.product_id, c.created_at AT TIME ZONE $4 AS local
            FROM calls c
            WHERE ${inPeriod('c')})
          SELECT json_build_object('start', ${START}, 'end', ${END}) AS period,
                 ${rows(st.callsPerDay)} AS calls_per_day,
                 ${row(st.answering)} AS answering,
                 ${rows(st.missedByReason)} AS missed_by_reason,
                 ${rows(st.busiestHours)} AS busiest_hours,
                 ${rows(st.products)} AS products,
                 ${rows(st.staff)} AS staff,
                 ${rows(st.callbacksPerDay)} AS callbacks_per_day,
                 ${row(st.openCallbacks)} AS open_callbacks`,
    params: params(s),
  };
}
