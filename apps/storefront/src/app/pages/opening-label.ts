import type { OpeningState } from '@callshop/contracts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A shop's opening state in the visitor's words and own time zone: "Open now", "Opens today
 * at 09:00", "Opens tomorrow at 09:00", "Opens Tuesday at 09:00" (within a week), "Opens 3 Dec
 * at 09:00", or "Closed". `timeZone`: the visitor's (the browser's) unless a test names one.
 */
export function openingLabel(state: OpeningState, now: Date, timeZone?: string, locale = 'en-GB'): string {
  if (state.openNow) return 'Open now';
  if (!state.nextOpenAt) return 'Closed';
  const at = new Date(state.nextOpenAt);
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at);
  const dayOf = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(d); // YYYY-MM-DD
  const days = Math.round((Date.parse(dayOf(at)) - Date.parse(dayOf(now))) / DAY_MS);
  const day =
    days <= 0
      ? 'today'
      : days === 1
        ? 'tomorrow'
        : days < 7
          ? new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone }).format(at)
          : new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone }).format(at);
  return `Opens ${day} at ${time}`;
}
