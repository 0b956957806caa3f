import { addDays, lastDays, periodProblem, timeZones, todayIn } from './analytics-period';

describe('analytics period', () => {
  // 23:30 UTC on 31 March 2026 is already 1 April in Berlin (CEST, UTC+2).
  const lateEvening = new Date('2026-03-31T23:30:00Z');

  it("counts today in the chosen zone, not the browser's", () => {
    expect(todayIn('UTC', lateEvening)).toBe('2026-03-31');
    expect(todayIn('Europe/Berlin', lateEvening)).toBe('2026-04-01');
    expect(todayIn('America/Los_Angeles', lateEvening)).toBe('2026-03-31');
  });

  it('gives the last n days up to today, both included, across month ends and DST', () => {
    expect(lastDays(7, 'Europe/Berlin', lateEvening)).toEqual({ from: '2026-03-26', to: '2026-04-01' });
    expect(lastDays(30, 'UTC', lateEvening)).toEqual({ from: '2026-03-02', to: '2026-03-31' });
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('names what is wrong with a custom period', () => {
    expect(periodProblem('', '2026-03-01')).toMatch(/first and the last day/);
    expect(periodProblem('2026-03-02', '2026-03-01')).toMatch(/not be after/);
    expect(periodProblem('2025-01-01', '2026-03-01')).toMatch(/at most 366/);
    expect(periodProblem('2026-03-01', '2026-03-01')).toBeNull();
  });

  it('keeps a zone the browser does not list', () => {
    expect(timeZones('Europe/Berlin')).toContain('Europe/Berlin');
    expect(timeZones('Europe/Berlin')[0]).toBe('UTC');
    expect(timeZones('UTC').filter((z) => z === 'UTC')).toHaveLength(1);
    expect(timeZones('Etc/Unknown')[0]).toBe('Etc/Unknown');
  });
});
