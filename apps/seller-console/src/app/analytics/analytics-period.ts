import { ANALYTICS_MAX_DAYS } from '@callshop/contracts';

/** The period choices of the analytics page. */
export type PeriodPreset = '7' | '30' | '90' | 'custom';

export const PERIOD_PRESETS: readonly { value: PeriodPreset; label: string }[] = [
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: 'custom', label: 'Custom' },
];

const DAY_MS = 86_400_000;

/** The calendar day of `now` in `timeZone`, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** `day` moved by `delta` calendar days. */
export function addDays(day: string, delta: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + delta * DAY_MS).toISOString().slice(0, 10);
}

/** The last `days` days up to today in the zone, both ends included. */
export function lastDays(days: number, timeZone: string, now = new Date()): { from: string; to: string } {
  const to = todayIn(timeZone, now);
  return { from: addDays(to, -(days - 1)), to };
}

/** Why a custom period cannot be asked for, or null when it can. */
export function periodProblem(from: string, to: string): string | null {
  if (!from || !to) return 'Choose the first and the last day.';
  if (from > to) return 'The first day must not be after the last.';
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days > ANALYTICS_MAX_DAYS) return `Choose at most ${ANALYTICS_MAX_DAYS} days.`;
  return null;
}

/** The browser's time zone, or UTC when it has none. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * Every IANA zone the browser knows, `UTC` first (Chromium leaves it out of the list), and
 * `current` in the list even if the browser does not know it.
 */
export function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = ['UTC', ...known.filter((z) => z !== 'UTC')];
  return zones.includes(current) ? zones : [current, ...zones];
}
