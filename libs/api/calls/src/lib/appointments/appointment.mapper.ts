import type { AppointmentDto, AppointmentStatus, ProductSummary } from '@callshop/contracts';

/** An `appointments` row with the names it shows, as {@link appointmentSelect} returns it. */
export interface AppointmentRow {
  id: string;
  shop_id: string;
  customer_id: string;
  product: ProductSummary;
  starts_at: Date;
  ends_at: Date;
  status: AppointmentStatus;
  note: string | null;
  cancelled_by: 'customer' | 'shop' | null;
  cancel_reason: string | null;
  reschedule_count: number;
  call_id: string | null;
  joined_at: Date | null;
  created_at: Date;
  customer_name: string;
  customer_email: string;
  shop_name: string;
  shop_is_platform: boolean;
  time_zone: string;
  change_cutoff_minutes: number;
  reminder_lead_minutes: number;
}

/** Appointments with their names, the shop's zone and the rules that apply to them. */
export const appointmentSelect = (defaults: { changeCutoffMinutes: number; reminderLeadMinutes: number }) => `
  SELECT a.*, cu.name AS customer_name, cu.email AS customer_email, s.name AS shop_name,
         s.is_platform AS shop_is_platform, coalesce(h.time_zone, 'UTC') AS time_zone,
         coalesce(st.change_cutoff_minutes, ${Number(defaults.changeCutoffMinutes)}) AS change_cutoff_minutes,
         coalesce(st.reminder_lead_minutes, ${Number(defaults.reminderLeadMinutes)}) AS reminder_lead_minutes
  FROM appointments a
  JOIN users cu ON cu.id = a.customer_id
  JOIN shops s ON s.id = a.shop_id
  LEFT JOIN shop_opening_hours h ON h.shop_id = a.shop_id
  LEFT JOIN shop_appointment_settings st ON st.shop_id = a.shop_id`;

/** When the customer can no longer change it: `cutoff` minutes before the start. */
export const changeDeadline = (row: Pick<AppointmentRow, 'starts_at' | 'change_cutoff_minutes'>): Date =>
  new Date(new Date(row.starts_at).getTime() - row.change_cutoff_minutes * 60_000);

export function toAppointmentDto(row: AppointmentRow, now = new Date()): AppointmentDto {
  const deadline = changeDeadline(row);
  return {
    id: row.id,
    status: row.status,
    customer: { id: row.customer_id, name: row.customer_name },
    shop: { id: row.shop_id, name: row.shop_name, isPlatform: row.shop_is_platform, timeZone: row.time_zone },
    product: row.product,
    startsAt: new Date(row.starts_at).toISOString(),
    endsAt: new Date(row.ends_at).toISOString(),
    note: row.note,
    cancelledBy: row.cancelled_by,
    cancelReason: row.cancel_reason,
    rescheduleCount: row.reschedule_count,
    callId: row.call_id,
    joinedAt: row.joined_at ? new Date(row.joined_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
    changeableUntil: row.status === 'booked' && deadline > now ? deadline.toISOString() : null,
  };
}
