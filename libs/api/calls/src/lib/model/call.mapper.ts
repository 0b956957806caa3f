import type {
  CallDto,
  CallEndReason,
  CallInitiator,
  CallQualitySummary,
  CallStatus,
  CallType,
  ProductSummary,
} from '@callshop/contracts';

/** A `calls` row joined with the names it shows, as the raw queries return it. */
export interface CallRow {
  id: string;
  customer_id: string;
  customer_name: string;
  shop_id: string;
  shop_name: string;
  shop_is_platform: boolean;
  staff_id: string | null;
  staff_name: string | null;
  product_id: string | null;
  product_name: string | null;
  product_price: number | null;
  product_currency: string | null;
  product_image: string | null;
  type: CallType;
  initiated_by: CallInitiator;
  status: CallStatus;
  end_reason: CallEndReason | null;
  caller_device_id: string | null;
  callee_device_id: string | null;
  caller_lost_at: Date | null;
  callee_lost_at: Date | null;
  ring_deadline_at: Date | null;
  answered_at: Date | null;
  ended_at: Date | null;
  duration_seconds: number | null;
  connected_at: Date | null;
  caller_media: boolean;
  callee_media: boolean;
  quality: CallQualitySummary | null;
  declined_staff: string[] | null;
  created_at: Date;
  /** The appointment the call is for (joined from `appointments.call_id`). */
  appointment_ref?: string | null;
  appointment_starts_at?: Date | null;
}

/** A call as the server works with it: the public DTO plus the devices bound to it. */
export interface CallRecord {
  call: CallDto;
  customerId: string;
  shopId: string;
  staffId: string | null;
  initiatedBy: CallInitiator;
  callerDeviceId: string | null;
  calleeDeviceId: string | null;
  callerLostAt: Date | null;
  calleeLostAt: Date | null;
  /** Each side's last report of its incoming media (`call:media`). */
  callerMedia: boolean;
  calleeMedia: boolean;
  /** Staff members who declined the call while it rang (it stopped ringing for them). */
  declinedStaff: string[];
}

/** Joins a calls source (`calls`, or a CTE named after it) with the names a call shows. */
export const callSelect = (source: string) => `
  SELECT c.*, cu.name AS customer_name, s.name AS shop_name, s.is_platform AS shop_is_platform,
         st.name AS staff_name, ap.id AS appointment_ref, ap.starts_at AS appointment_starts_at
  FROM ${source} c
  JOIN users cu ON cu.id = c.customer_id
  JOIN shops s ON s.id = c.shop_id
  LEFT JOIN users st ON st.id = c.staff_id
  LEFT JOIN appointments ap ON ap.call_id = c.id`;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** The product a call or a callback request copied when it was made; null when none was named. */
export function productSnapshot(p: {
  id: string | null;
  name: string | null;
  price: number | null;
  currency: string | null;
  image: string | null;
}): ProductSummary | null {
  if (p.name === null) return null;
  return {
    id: p.id ?? '',
    name: p.name,
    price: p.price ?? 0,
    currency: (p.currency ?? 'USD').trim(),
    image: p.image,
  };
}

export function toCallDto(row: CallRow): CallDto {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    endReason: row.end_reason,
    initiatedBy: row.initiated_by,
    customer: { id: row.customer_id, name: row.customer_name },
    shop: { id: row.shop_id, name: row.shop_name, isPlatform: row.shop_is_platform },
    staff: row.staff_id ? { id: row.staff_id, name: row.staff_name ?? '' } : null,
    product: productSnapshot({
      id: row.product_id,
      name: row.product_name,
      price: row.product_price,
      currency: row.product_currency,
      image: row.product_image,
    }),
    createdAt: iso(row.created_at) as string,
    ringDeadlineAt: iso(row.ring_deadline_at),
    answeredAt: iso(row.answered_at),
    endedAt: iso(row.ended_at),
    connectedAt: iso(row.connected_at),
    durationSeconds: row.duration_seconds,
    quality: row.quality ?? null,
    // Only on an appointment's call, so every other call reads as before.
    ...(row.appointment_ref
      ? {
          appointment: {
            id: row.appointment_ref,
            startsAt: iso(row.appointment_starts_at ?? null) as string,
          },
        }
      : {}),
  };
}

export function toCallRecord(row: CallRow): CallRecord {
  return {
    call: toCallDto(row),
    customerId: row.customer_id,
    shopId: row.shop_id,
    staffId: row.staff_id,
    initiatedBy: row.initiated_by,
    callerDeviceId: row.caller_device_id,
    calleeDeviceId: row.callee_device_id,
    callerLostAt: row.caller_lost_at,
    calleeLostAt: row.callee_lost_at,
    callerMedia: row.caller_media,
    calleeMedia: row.callee_media,
    declinedStaff: row.declined_staff ?? [],
  };
}
