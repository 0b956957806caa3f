import type { CallParty } from './calls';
import type { ProductSummary, ShopSummary } from './products';

/**
 * A booked video appointment's status. `booked` is live (a reschedule keeps it booked);
 * `completed`, `cancelled` and `no_show` are final.
 */
export type AppointmentStatus = 'booked' | 'completed' | 'cancelled' | 'no_show';

/** Which status each status may become; the server applies nothing else. */
export const APPOINTMENT_TRANSITIONS: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  booked: ['booked', 'completed', 'cancelled', 'no_show'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** A shop's appointment rules. */
export interface AppointmentSettings {
  /** Length of one appointment, minutes. */
  slotMinutes: number;
  /** Free time after each appointment before the next slot starts, minutes. */
  bufferMinutes: number;
  /** How many staff members take appointments: appointments one slot holds. */
  capacity: number;
  /** The reminder comes this long before the start, minutes. */
  reminderLeadMinutes: number;
  /** The customer may reschedule or cancel up to this long before the start, minutes. */
  changeCutoffMinutes: number;
}

export const DEFAULT_APPOINTMENT_SETTINGS: AppointmentSettings = {
  slotMinutes: 15,
  bufferMinutes: 5,
  capacity: 1,
  reminderLeadMinutes: 15,
  changeCutoffMinutes: 60,
};

/** The accepted range of each setting (inclusive). */
export const APPOINTMENT_SETTING_LIMITS: Record<keyof AppointmentSettings, { min: number; max: number }> = {
  slotMinutes: { min: 1, max: 240 },
  bufferMinutes: { min: 0, max: 120 },
  capacity: { min: 1, max: 50 },
  reminderLeadMinutes: { min: 1, max: 1440 },
  changeCutoffMinutes: { min: 0, max: 10080 },
};

/** The customer may start the appointment's call from this long before it starts until it ends. */
export const APPOINTMENT_JOIN_EARLY_MINUTES = 10;

/** `GET /shops/:shopId/appointment-slots`: one free slot (instants in UTC). */
export interface AppointmentSlot {
  startsAt: string;
  endsAt: string;
  /** Places left in it. */
  free: number;
}

export interface AppointmentSlotsDto {
  /** The shop's IANA time zone (UTC when it set no opening hours). */
  timeZone: string;
  slotMinutes: number;
  slots: AppointmentSlot[];
}

/** `POST /appointments` */
export interface BookAppointmentRequest {
  shopId: string;
  productId: string;
  startsAt: string;
  note?: string;
}

/** `PATCH /appointments/:id` */
export interface RescheduleAppointmentRequest {
  startsAt: string;
}

/** `POST /appointments/:id/cancel` */
export interface CancelAppointmentRequest {
  reason?: string;
}

export interface AppointmentDto {
  id: string;
  status: AppointmentStatus;
  customer: CallParty;
  shop: ShopSummary & { timeZone: string };
  product: ProductSummary;
  startsAt: string;
  endsAt: string;
  note: string | null;
  /** Who cancelled and why, once cancelled. */
  cancelledBy: 'customer' | 'shop' | null;
  cancelReason: string | null;
  /** How many times it was moved to another slot. */
  rescheduleCount: number;
  /** The call started for it (the customer joined), if any. */
  callId: string | null;
  joinedAt: string | null;
  createdAt: string;
  /** The customer may still reschedule or cancel it until then (null: not any more). */
  changeableUntil: string | null;
}

/** The appointment a call is for, as the ringing card shows it. */
export interface CallAppointment {
  id: string;
  startsAt: string;
}

/** `appointment:reminder` and `appointment:updated` socket pushes. */
export interface AppointmentPush {
  appointment: AppointmentDto;
}
