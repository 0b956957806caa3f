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
