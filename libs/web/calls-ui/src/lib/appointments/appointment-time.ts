import type { AppointmentSlot } from '@callshop/contracts';

/** One day of free slots in the visitor's time zone. */
export interface SlotDay {
  /** `YYYY-MM-DD` in the visitor's zone. */
  key: string;
  label: string;
  slots: AppointmentSlot[];
}

const dayKey = (d: Date, timeZone?: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/** Groups slots by the visitor's calendar day (their zone, or `timeZone` when given), in order. */
export function groupSlotsByDay(slots: AppointmentSlot[], locale?: string, timeZone?: string): SlotDay[] {
  const days = new Map<string, SlotDay>();
  const label = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  for (const slot of slots) {
    const at = new Date(slot.startsAt);
    const key = dayKey(at, timeZone);
    let day = days.get(key);
    if (!day) {
      day = { key, label: label.format(at), slots: [] };
      days.set(key, day);
    }
    day.slots.push(slot);
  }
  return [...days.values()];
}

/** "14:30" in the visitor's zone (or `timeZone`). */
export function slotTime(iso: string, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

/** "Tue 2 Dec, 14:30" in the visitor's zone (or `timeZone`). */
export function slotDateTime(iso: string, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** Minutes before the start from which the customer may join (mirrors the server's rule). */
export const JOIN_EARLY_MS = 10 * 60_000;

/** Whether the appointment's call can be started at `now`. */
export function canJoin(a: { status: string; startsAt: string; endsAt: string }, now = Date.now()): boolean {
  return (
    a.status === 'booked' &&
    now >= new Date(a.startsAt).getTime() - JOIN_EARLY_MS &&
    now < new Date(a.endsAt).getTime()
  );
}
