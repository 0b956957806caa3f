import {
  DEFAULT_HISTORY_FILTERS,
  dateRangeError,
  filtersFromParams,
  filtersToParams,
  filtersToQuery,
  hasFilters,
} from './history-filters';

describe('history filters', () => {
  it('sends only the filters that are set', () => {
    expect(filtersToQuery(DEFAULT_HISTORY_FILTERS)).toEqual({ page: 1, limit: 20 });
    expect(
      filtersToQuery({ ...DEFAULT_HISTORY_FILTERS, status: 'missed', direction: 'incoming', page: 3 }),
    ).toEqual({
      page: 3,
      limit: 20,
      status: 'missed',
      direction: 'incoming',
    });
  });

  it('turns days into the start of the first and the end of the last day, in local time', () => {
    const q = filtersToQuery({ ...DEFAULT_HISTORY_FILTERS, from: '2026-11-20', to: '2026-11-24' });
    expect(q.from).toBe(new Date(2026, 10, 20, 0, 0, 0, 0).toISOString());
    expect(q.to).toBe(new Date(2026, 10, 24, 23, 59, 59, 999).toISOString());
  });

  it('ignores impossible dates instead of rolling them over', () => {
    const q = filtersToQuery({ ...DEFAULT_HISTORY_FILTERS, from: '2026-02-31' });
    expect(q.from).toBeUndefined();
  });

  it('reads valid filters from the address bar and drops the rest', () => {
    expect(
      filtersFromParams({
        status: 'missed',
        direction: 'outgoing',
        from: '2026-11-01',
        to: 'yesterday',
        page: '2',
      }),
    ).toEqual({ status: 'missed', direction: 'outgoing', from: '2026-11-01', to: '', page: 2 });
    expect(filtersFromParams({ status: 'DROP TABLE', direction: 'sideways', page: '-4' })).toEqual(
      DEFAULT_HISTORY_FILTERS,
    );
  });

  it('round-trips through query parameters, removing defaults', () => {
    const filters = { ...DEFAULT_HISTORY_FILTERS, status: 'ended' as const, to: '2026-11-24' };
    const params = filtersToParams(filters);
    expect(params).toEqual({ status: 'ended', direction: null, from: null, to: '2026-11-24', page: null });
    const back = filtersFromParams(
      Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v ?? undefined])),
    );
    expect(back).toEqual(filters);
  });

  it('flags a range that cannot match and knows when filters are set', () => {
    expect(dateRangeError({ ...DEFAULT_HISTORY_FILTERS, from: '2026-11-25', to: '2026-11-24' })).toMatch(
      /after/,
    );
    expect(dateRangeError({ ...DEFAULT_HISTORY_FILTERS, from: '2026-11-24', to: '2026-11-24' })).toBeNull();
    expect(hasFilters(DEFAULT_HISTORY_FILTERS)).toBe(false);
    expect(hasFilters({ ...DEFAULT_HISTORY_FILTERS, page: 4 })).toBe(false);
    expect(hasFilters({ ...DEFAULT_HISTORY_FILTERS, direction: 'incoming' })).toBe(true);
  });
});
