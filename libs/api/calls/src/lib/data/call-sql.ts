import { callSelect } from '../model/call.mapper';
import { ON_ENTER, type CallChange, type CallFilter, type CallSide } from '../model/call-state';

/** The SQL behind {@link PgCallsRepository}: statement builders and the longer statements. */

export const SIDE_COLUMNS: Record<CallSide, { device: string; lost: string }> = {
  caller: { device: 'caller_device_id', lost: 'caller_lost_at' },
  callee: { device: 'callee_device_id', lost: 'callee_lost_at' },
};
export const NEW_CALL_COLUMNS =
  'customer_id, shop_id, staff_id, product_id, product_name, product_price, product_currency, product_image, ' +
  'type, initiated_by, status, end_reason, caller_device_id, ring_deadline_at, ended_at';

/** Bound parameters collected while a statement is built. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const lostFor = (ms: string) =>
  `(c.caller_lost_at <= now() - make_interval(secs => ${ms}::double precision / 1000)
    OR c.callee_lost_at <= now() - make_interval(secs => ${ms}::double precision / 1000))`;

const figures = (agg: (column: string) => string) => `jsonb_build_object(
    'rttMs', ${agg('rtt_ms')}, 'lossPct', ${agg('loss_pct')}, 'jitterMs', ${agg('jitter_ms')},
    'bitrateKbps', ${agg('bitrate_kbps')}, 'fps', ${agg('fps')}, 'width', ${agg('width')},
    'height', ${agg('height')}, 'relayed', bool_or(relayed))`;
const median = (column: string) => `percentile_disc(0.5) WITHIN GROUP (ORDER BY ${column})`;
const WORST: Record<string, string> = {
  rtt_ms: 'max(rtt_ms)',
  loss_pct: 'max(loss_pct)',
  jitter_ms: 'max(jitter_ms)',
  bitrate_kbps: 'min(bitrate_kbps)',
  fps: 'min(fps)',
  width: 'min(width)',
  height: 'min(height)',
};

/** The quality summary of row `c`'s samples, per side; null when there are none. */
const QUALITY_SUMMARY = `(
  WITH s AS (
    SELECT side, jsonb_build_object('samples', count(*), 'median', ${figures(median)},
             'worst', ${figures((col) => WORST[col])}, 'relayed', coalesce(bool_or(relayed), false)) AS summary
    FROM call_quality_samples WHERE call_id = c.id GROUP BY side
  )
  SELECT CASE WHEN EXISTS (SELECT 1 FROM s) THEN jsonb_build_object(
    'caller', (SELECT summary FROM s WHERE side = 'caller'),
    'callee', (SELECT summary FROM s WHERE side = 'callee')) END
)`;

/** Connected time up to now: the closed stretches, plus the open one (row `c`'s old values). */
const TALK_MS = `talk_ms + CASE WHEN media_since IS NULL THEN 0
  ELSE floor(extract(epoch FROM now() - media_since) * 1000)::int END`;

/** The WHERE clause of a typed filter, over a calls row named `c`. */
export function whereOf(filter: CallFilter, p: Params): string[] {
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
  if (filter.mediaDeadlinePassed) where.push('c.media_deadline_at <= now() AND c.connected_at IS NULL');
  if (filter.mediaLostForMs !== undefined) {
    where.push(
      `c.media_lost_at <= now() - make_interval(secs => ${p.add(filter.mediaLostForMs)}::double precision / 1000)`,
    );
  }
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
export function setOf(change: CallChange, p: Params): string[] {
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
  if (effects.answered && change.to === 'accepted') {
    sets.push(
      'answered_at = now()',
      `media_deadline_at = now() + make_interval(secs => ${p.add(change.mediaTimeoutMs)}::double precision / 1000)`,
    );
  }
  if (effects.ended && change.to !== 'accepted') {
    sets.push(
      `end_reason = ${p.add(change.reason)}`,
      'ended_at = now()',
      'caller_lost_at = NULL',
      'callee_lost_at = NULL',
      'media_since = NULL',
      'media_lost_at = NULL',
      'held_signals = NULL',
      `talk_ms = ${TALK_MS}`,
      `duration_seconds = CASE WHEN connected_at IS NULL THEN NULL ELSE floor((${TALK_MS}) / 1000)::int END`,
      // Each side's quality samples become the call's summary, in the same statement.
      `quality = ${QUALITY_SUMMARY}`,
    );
  }
  return sets;
}

/**
 * Appends signal $3 (JSON) to call $1's held negotiation when it rings and device $2 is its
 * caller's: `held` true, or false when $4 messages are held already; no row when it does not ring.
 */
export const HOLD_SIGNAL = `WITH o AS (
         SELECT id, coalesce(jsonb_array_length(held_signals), 0) < $4 AS room FROM calls
         WHERE id = $1 AND status = 'ringing' AND caller_device_id = $2
         FOR UPDATE
       ), u AS (
         UPDATE calls c SET held_signals = coalesce(c.held_signals, '[]'::jsonb) || jsonb_build_array($3::jsonb)
         FROM o WHERE c.id = o.id AND o.room
         RETURNING c.id
       )
       SELECT EXISTS (SELECT 1 FROM u) AS held FROM o`;

/** Clears call $1's held negotiation and returns what it was. */
export const TAKE_HELD_SIGNALS = `WITH o AS (
         SELECT id, held_signals FROM calls WHERE id = $1 AND held_signals IS NOT NULL FOR UPDATE
       ), u AS (
         UPDATE calls c SET held_signals = NULL FROM o WHERE c.id = o.id RETURNING c.id
       )
       SELECT o.held_signals AS held FROM o JOIN u ON u.id = o.id`;

/** Per request ($1, a JSON array): does the shop exist, the product and its shop, is the customer in a live call, which of the given staff are ($2: live statuses). */
export const CHECK_CUSTOMER_CALLS = `WITH i AS (
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
       ORDER BY i.ord`;

/** Customers who contacted shop $1, with the latest phone number they gave, most recent first, at most $2. */
export const SHOP_CONTACTS = `SELECT u.id, u.name, max(t.at) AS last_contact_at,
                coalesce(u.phone_number, (SELECT cr.phone_number FROM callback_requests cr
                   WHERE cr.shop_id = $1 AND cr.customer_id = u.id AND cr.phone_number IS NOT NULL
                   ORDER BY cr.created_at DESC LIMIT 1)) AS phone
         FROM (SELECT customer_id, created_at AS at FROM calls WHERE shop_id = $1
               UNION ALL SELECT customer_id, created_at FROM callback_requests WHERE shop_id = $1) t
         JOIN users u ON u.id = t.customer_id
         GROUP BY u.id ORDER BY last_contact_at DESC LIMIT $2`;

/** The seller console's badges for shop $1. Missed, for a shop, is any customer's call nobody took: unanswered, given up while ringing, or arriving while every available staff member was busy (declines are a choice). */
export const SHOP_SUMMARY = `SELECT
           (SELECT count(*) FROM calls WHERE shop_id = $1 AND initiated_by = 'customer'
              AND status IN ('missed', 'cancelled', 'busy') AND created_at >= date_trunc('day', now())) AS missed_today,
           (SELECT count(*) FROM calls WHERE shop_id = $1 AND initiated_by = 'customer'
              AND status IN ('missed', 'cancelled', 'busy')) AS missed_total,
           (SELECT count(*) FROM callback_requests WHERE shop_id = $1 AND status = 'open') AS open_callbacks`;

/** Unbinds device $1 from its live calls ($2: live statuses) and marks that side lost from now. */
export const RELEASE_DEVICE = `WITH o AS (
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
       ) ${callSelect('c')}`;
/**
 * Device $2 of accepted call $1 reports its incoming media flowing ($3) or not. The call is
 * connected while both sides flow: the first time sets `connected_at`, each stretch adds to
 * `talk_ms`, and media stopping after the call connected starts the grace (`media_lost_at`).
 */
export const REPORT_MEDIA = `
  WITH o AS (
    SELECT id, caller_device_id = $2 AS is_caller, media_since IS NOT NULL AS was_flowing,
           connected_at IS NOT NULL AS was_connected,
           CASE WHEN caller_device_id = $2 THEN caller_media ELSE callee_media END AS side_was_flowing,
           CASE WHEN caller_device_id = $2 THEN $3::boolean ELSE caller_media END AS caller_now,
           CASE WHEN callee_device_id = $2 THEN $3::boolean ELSE callee_media END AS callee_now
    FROM calls WHERE id = $1 AND status = 'accepted' AND $2 IN (caller_device_id, callee_device_id)
    FOR UPDATE
  ), c AS (
    UPDATE calls c SET
      caller_media = o.caller_now,
      callee_media = o.callee_now,
      media_since = CASE WHEN o.caller_now AND o.callee_now THEN coalesce(c.media_since, now()) END,
      talk_ms = CASE WHEN o.caller_now AND o.callee_now THEN c.talk_ms ELSE ${TALK_MS} END,
      connected_at = CASE WHEN o.caller_now AND o.callee_now THEN coalesce(c.connected_at, now()) ELSE c.connected_at END,
      media_lost_at = CASE WHEN o.caller_now AND o.callee_now THEN NULL
                           WHEN c.media_since IS NOT NULL THEN now() ELSE c.media_lost_at END,
      updated_at = now()
    FROM o WHERE c.id = o.id
    RETURNING c.*, o.is_caller, o.was_flowing, o.was_connected, o.side_was_flowing
  ) ${callSelect('c')}`;

/** A quality sample from device $2 of accepted call $1, unless that side sent one in the last 1.5 s. */
export const ADD_QUALITY_SAMPLE = `
  INSERT INTO call_quality_samples
    (call_id, side, rtt_ms, loss_pct, jitter_ms, bitrate_kbps, fps, width, height, relayed)
  SELECT c.id, s.side, $3, $4, $5, $6, $7, $8, $9, $10
  FROM calls c
  CROSS JOIN LATERAL (SELECT CASE WHEN c.caller_device_id = $2 THEN 'caller' ELSE 'callee' END AS side) s
  WHERE c.id = $1 AND c.status = 'accepted' AND $2 IN (c.caller_device_id, c.callee_device_id)
    AND NOT EXISTS (SELECT 1 FROM call_quality_samples q
                    WHERE q.call_id = c.id AND q.side = s.side AND q.at > now() - interval '1.5 seconds')
    AND (SELECT count(*) FROM call_quality_samples q WHERE q.call_id = c.id) < $11
  RETURNING id`;

/**
 * `sets` (from {@link setOf}) applied only where `condition` holds; elsewhere each column keeps
 * its value. For a statement that may or may not change the status in the same UPDATE.
 */
function setsWhen(condition: string, sets: string[]): string[] {
  return sets.map((set) => {
    const at = set.indexOf(' = ');
    const column = set.slice(0, at);
    return `${column} = CASE WHEN ${condition} THEN ${set.slice(at + 3)} ELSE c.${column} END`;
  });
}

/**
 * Staff member `staffId` of shop `shopId` declines customer's call `callId`, still ringing and
 * not declined by them yet: they join `declined_staff`, and the call ends `declined` in the
 * same statement when no staff member is left it rings for: of `available` (the shop's staff
 * taking calls now), everyone has declined or is in another live call (those are not rung).
 * Racing declines lock the row in turn, so the last one ends the call, on any instance.
 */
export function staffDeclineSql(
  callId: string,
  staffId: string,
  shopId: string,
  available: string[],
  live: string[],
): { sql: string; values: unknown[] } {
  const p = new Params();
  const call = p.add(callId);
  const staff = p.add(staffId);
  const shop = p.add(shopId);
  const availableStaff = p.add(available);
  const liveStatuses = p.add(live);
  const last = `NOT EXISTS (
      SELECT 1 FROM unnest(${availableStaff}::uuid[]) s(id)
      WHERE s.id <> ${staff}::uuid AND NOT s.id = ANY(o.declined_staff)
        AND NOT EXISTS (SELECT 1 FROM calls b WHERE b.staff_id = s.id AND b.id <> o.id
                          AND b.status = ANY(${liveStatuses}::varchar[])))`;
  const sets = setsWhen('d.last', setOf({ to: 'declined', reason: 'declined' }, p));
  const sql = `WITH o AS (
      SELECT id, declined_staff FROM calls
      WHERE id = ${call} AND status = 'ringing' AND initiated_by = 'customer' AND shop_id = ${shop}::uuid
        AND staff_id IS NULL AND ring_deadline_at > now() AND NOT ${staff}::uuid = ANY(declined_staff)
      FOR UPDATE
    ), d AS (SELECT o.id, ${last} AS last FROM o),
    c AS (
      UPDATE calls c SET declined_staff = array_append(c.declined_staff, ${staff}::uuid), ${sets.join(', ')}
      FROM d WHERE c.id = d.id
      RETURNING c.*
    ) ${callSelect('c')}`;
  return { sql, values: p.values };
}
