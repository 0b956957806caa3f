import { DateTime } from 'luxon';
import type { OpeningHours } from '@callshop/contracts';

/** The hours of a shop that set none: open all day, every day, in UTC. */
export const ALWAYS_OPEN: OpeningHours = {
  timeZone: 'UTC',
  weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '24:00' })),
  closures: [],
};

/** A slot as the rules see it: its instants, start inclusive, end exclusive. */
export interface SlotTime {
  startsAt: Date;
  endsAt: Date;
}

const at = (day: DateTime, hhmm: string): DateTime =>
  hhmm === '24:00'
    ? day.plus({ days: 1 }).startOf('day')
    : day.set({
        hour: Number(hhmm.slice(0, 2)),
        minute: Number(hhmm.slice(3, 5)),
        second: 0,
        millisecond: 0,
      });

/**
 * Every slot of a shop starting in [from, to): within each stretch of its opening hours (wall-clock
 * times of its time zone, so a daylight-saving day's stretch is as long as the clock says), one
 * slot of `slotMinutes` every `slotMinutes + bufferMinutes` from the opening, the last one ending
 * by the closing; none on a closure date. Slots are real durations: across a clock change a
 * 15-minute slot still lasts 15 minutes.
 */
export function slotsBetween(
  hours: OpeningHours,
  settings: { slotMinutes: number; bufferMinutes: number },
  from: Date,
  to: Date,
): SlotTime[] {
  const closures = new Set(hours.closures);
  const step = (settings.slotMinutes + settings.bufferMinutes) * 60_000;
  const length = settings.slotMinutes * 60_000;
  const slots: SlotTime[] = [];
  // From the day before (a stretch may end after midnight in another zone's terms) to the end.
  let day = DateTime.fromJSDate(from).setZone(hours.timeZone).startOf('day').minus({ days: 1 });
  const last = DateTime.fromJSDate(to).setZone(hours.timeZone).startOf('day');
  while (day <= last) {
    if (!closures.has(day.toISODate() ?? '')) {
      const stretches = hours.weekly
        .filter((s) => s.day === day.weekday)
        .sort((a, b) => a.opens.localeCompare(b.opens));
      for (const stretch of stretches) {
        const opens = at(day, stretch.opens).toMillis();
        const closes = at(day, stretch.closes).toMillis();
        for (let t = opens; t + length <= closes; t += step) {
          if (t >= from.getTime() && t < to.getTime()) {
            slots.push({ startsAt: new Date(t), endsAt: new Date(t + length) });
          }
        }
      }
    }
    day = day.plus({ days: 1 });
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** The slot starting exactly at `startsAt`, if the hours have one. */
export function slotAt(
  hours: OpeningHours,
  settings: { slotMinutes: number; bufferMinutes: number },
  startsAt: Date,
): SlotTime | null {
  const slots = slotsBetween(hours, settings, startsAt, new Date(startsAt.getTime() + 1));
  return slots.find((s) => s.startsAt.getTime() === startsAt.getTime()) ?? null;
}
