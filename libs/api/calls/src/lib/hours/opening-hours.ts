import { DateTime, IANAZone } from 'luxon';
import type { OpeningHours, OpeningSlot, OpeningState } from '@callshop/contracts';

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Days looked ahead for the next opening (a closure list can hide a few weeks). */
const LOOKAHEAD_DAYS = 60;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * What is wrong with a weekly schedule, in words for a 400 (empty when nothing is): a known
 * IANA time zone, days 1 (Monday) to 7, "HH:MM" times with the close after the open, no two
 * stretches of one day overlapping, closures as real dates.
 */
export function openingHoursProblems(hours: OpeningHours): string[] {
  const problems: string[] = [];
  if (!IANAZone.isValidZone(hours.timeZone))
    problems.push(`timeZone ${hours.timeZone} is not a known IANA time zone`);
  hours.weekly.forEach((slot, i) => {
    if (!Number.isInteger(slot.day) || slot.day < 1 || slot.day > 7) {
      problems.push(`weekly[${i}].day must be 1 (Monday) to 7 (Sunday)`);
    }
    if (!TIME.test(slot.opens) || slot.opens === '24:00') problems.push(`weekly[${i}].opens must be HH:MM`);
    if (!TIME.test(slot.closes)) problems.push(`weekly[${i}].closes must be HH:MM (24:00 for midnight)`);
    else if (TIME.test(slot.opens) && minutes(slot.closes) <= minutes(slot.opens)) {
      problems.push(`weekly[${i}] closes before it opens`);
    }
  });
  for (let day = 1; day <= 7; day++) {
    const stretches = hours.weekly
      .filter((s) => s.day === day && TIME.test(s.opens) && TIME.test(s.closes))
      .sort((a, b) => minutes(a.opens) - minutes(b.opens));
    for (let i = 1; i < stretches.length; i++) {
      if (minutes(stretches[i].opens) < minutes(stretches[i - 1].closes)) {
        problems.push(`the opening hours of day ${day} overlap`);
        break;
      }
    }
  }
  hours.closures.forEach((date, i) => {
    if (!DATE.test(date) || !DateTime.fromISO(date).isValid)
      problems.push(`closures[${i}] must be a date (YYYY-MM-DD)`);
  });
  return problems;
}

/** One stretch on one calendar day of the shop, as instants (daylight-saving changes included). */
function stretch(day: DateTime, slot: OpeningSlot): { opens: DateTime; closes: DateTime } {
  const at = (hhmm: string) =>
    hhmm === '24:00'
      ? day.plus({ days: 1 }).startOf('day')
      : day.set({
          hour: Number(hhmm.slice(0, 2)),
          minute: Number(hhmm.slice(3, 5)),
          second: 0,
          millisecond: 0,
        });
  return { opens: at(slot.opens), closes: at(slot.closes) };
}

/**
 * Whether the shop is open at `now`, when it closes, and when it next opens, reading the
 * weekly schedule as wall-clock times of the shop's time zone: a stretch "09:00-17:00" is 8
 * hours on an ordinary day and whatever the clock says on a daylight-saving day; a closure
 * date closes the whole day there.
 */
export function openingState(hours: OpeningHours, now: Date): OpeningState {
  const instant = DateTime.fromJSDate(now);
  const today = instant.setZone(hours.timeZone).startOf('day');
  const closures = new Set(hours.closures);
  let nextOpen: DateTime | null = null;
  for (let offset = 0; offset <= LOOKAHEAD_DAYS && !nextOpen; offset++) {
    const day = today.plus({ days: offset });
    if (closures.has(day.toISODate() ?? '')) continue;
    const stretches = hours.weekly
      .filter((s) => s.day === day.weekday)
      .map((s) => stretch(day, s))
      .sort((a, b) => a.opens.toMillis() - b.opens.toMillis());
    for (const { opens, closes } of stretches) {
      if (opens <= instant && instant < closes) {
        return { openNow: true, closesAt: closes.toUTC().toISO(), nextOpenAt: null };
      }
      if (opens > instant) {
        nextOpen = opens;
        break;
      }
    }
  }
  return { openNow: false, closesAt: null, nextOpenAt: nextOpen ? nextOpen.toUTC().toISO() : null };
}
