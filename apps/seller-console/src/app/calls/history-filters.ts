import type { CallDirection, CallHistoryQuery, CallStatus } from '@callshop/contracts';
import { CALL_STATUSES } from '@callshop/contracts';

/** The history filters as the form and the address bar hold them. */
export interface HistoryFilters {
  status: CallStatus | '';
  direction: CallDirection | '';
  /** `yyyy-mm-dd` in the seller's time zone, or ''. */
  from: string;
  to: string;
  /** 1-based. */
  page: number;
}

export const DEFAULT_HISTORY_FILTERS: HistoryFilters = {
  status: '',
  direction: '',
  from: '',
  to: '',
  page: 1,
};
export const HISTORY_PAGE_SIZE = 20;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DIRECTIONS: readonly CallDirection[] = ['incoming', 'outgoing'];

function localDay(value: string, endOfDay: boolean): Date | null {
  if (!DATE.test(value)) return null;
  const [y, m, d] = value.split('-').map(Number);
  const date = endOfDay ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d, 0, 0, 0, 0);
  // Reject 2025-02-31 and the like, which Date would roll over into March.
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? date : null;
}

/**
 * The API query for the filters: empty filters are left out, and the dates become the start of
 * the `from` day and the end of the `to` day in local time, as ISO instants, so "to 24 Nov"
 * includes calls made in the evening of the 24th.
 */
export function filtersToQuery(filters: HistoryFilters, limit = HISTORY_PAGE_SIZE): CallHistoryQuery {
  const query: CallHistoryQuery = { page: Math.max(1, filters.page || 1), limit };
  if (filters.status) query.status = filters.status;
  if (filters.direction) query.direction = filters.direction;
  const from = localDay(filters.from, false);
  const to = localDay(filters.to, true);
  if (from) query.from = from.toISOString();
  if (to) query.to = to.toISOString();
  return query;
}

/** Reads filters from the address bar, ignoring anything invalid (a hand-edited or stale link). */
export function filtersFromParams(
  params: Readonly<Record<string, string | null | undefined>>,
): HistoryFilters {
  const status = params['status'] ?? '';
  const direction = params['direction'] ?? '';
  const page = Number(params['page']);
  return {
    status: (CALL_STATUSES as readonly string[]).includes(status) ? (status as CallStatus) : '',
    direction: (DIRECTIONS as readonly string[]).includes(direction) ? (direction as CallDirection) : '',
    from: localDay(params['from'] ?? '', false) ? (params['from'] as string) : '',
    to: localDay(params['to'] ?? '', true) ? (params['to'] as string) : '',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** Query parameters for the router: default values become `null`, which removes them. */
export function filtersToParams(filters: HistoryFilters): Record<string, string | null> {
  return {
    status: filters.status || null,
    direction: filters.direction || null,
    from: filters.from || null,
    to: filters.to || null,
    page: filters.page > 1 ? String(filters.page) : null,
  };
}

/** A message when the date range cannot match anything. */
export function dateRangeError(filters: HistoryFilters): string | null {
  if (filters.from && filters.to && filters.from > filters.to)
    return 'The "From" date is after the "To" date.';
  return null;
}

/** Whether any filter is set (to offer "Clear filters"). */
export function hasFilters(filters: HistoryFilters): boolean {
  return !!(filters.status || filters.direction || filters.from || filters.to);
}
