import type { OpeningHours } from '@callshop/contracts';
import { slotAt, slotsBetween } from './slots';

const berlin = (weekly: OpeningHours['weekly'], closures: string[] = []): OpeningHours => ({
  timeZone: 'Europe/Berlin',
  weekly,
  closures,
});
const iso = (d: Date) => d.toISOString();

describe('appointment slots', () => {
  const everyDay = (opens: string, closes: string) =>
    [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens, closes }));

  it('fills each opening stretch with slot + buffer steps, the last one ending by the closing', () => {
    const hours = berlin([{ day: 1, opens: '09:00', closes: '10:00' }]);
    // Monday 2026-01-05, Berlin is UTC+1.
    const slots = slotsBetween(
      hours,
      { slotMinutes: 15, bufferMinutes: 5 },
      new Date('2026-01-05T00:00:00Z'),
      new Date('2026-01-06T00:00:00Z'),
    );
    expect(slots.map((s) => iso(s.startsAt))).toEqual([
      '2026-01-05T08:00:00.000Z',
      '2026-01-05T08:20:00.000Z',
      '2026-01-05T08:40:00.000Z',
    ]);
    expect(iso(slots[2].endsAt)).toBe('2026-01-05T08:55:00.000Z');
  });

  it('keeps wall-clock opening times across the spring-forward day (Europe/Berlin, 29 March 2026)', () => {
    const hours = berlin(everyDay('09:00', '10:00'));
    const settings = { slotMinutes: 30, bufferMinutes: 0 };
    const slots = slotsBetween(
      hours,
      settings,
      new Date('2026-03-28T00:00:00Z'),
      new Date('2026-03-30T00:00:00Z'),
    );
    expect(slots.map((s) => iso(s.startsAt))).toEqual([
      '2026-03-28T08:00:00.000Z',
      '2026-03-28T08:30:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-29T07:30:00.000Z',
    ]);
  });

  it('a stretch across the clock change holds slots of real length: 01:00-04:00 on spring-forward day is 2 hours', () => {
    const hours = berlin(everyDay('01:00', '04:00'));
    const slots = slotsBetween(
      hours,
      { slotMinutes: 60, bufferMinutes: 0 },
      new Date('2026-03-29T00:00:00Z'),
      new Date('2026-03-29T03:00:00Z'),
    );
    // 01:00 CET = 00:00Z, 03:00 CEST = 01:00Z; the clock jumps from 02:00 to 03:00.
    expect(slots.map((s) => iso(s.startsAt))).toEqual([
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
    ]);
  });

  it('the fall-back day (25 October 2026) has one hour more in a stretch spanning it', () => {
    const hours = berlin(everyDay('01:00', '04:00'));
    const slots = slotsBetween(
      hours,
      { slotMinutes: 60, bufferMinutes: 0 },
      new Date('2026-10-24T22:00:00Z'),
      new Date('2026-10-25T06:00:00Z'),
    );
    expect(slots).toHaveLength(4);
    expect(iso(slots[0].startsAt)).toBe('2026-10-24T23:00:00.000Z');
  });

  it('no slot on a closure date, and slotAt recognises only real slot starts', () => {
    const hours = berlin([{ day: 1, opens: '09:00', closes: '12:00' }], ['2026-01-05']);
    const settings = { slotMinutes: 15, bufferMinutes: 0 };
    expect(
      slotsBetween(hours, settings, new Date('2026-01-05T00:00:00Z'), new Date('2026-01-06T00:00:00Z')),
    ).toEqual([]);
    const open = berlin([{ day: 1, opens: '09:00', closes: '12:00' }]);
    expect(slotAt(open, settings, new Date('2026-01-12T08:15:00Z'))).not.toBeNull();
    expect(slotAt(open, settings, new Date('2026-01-12T08:10:00Z'))).toBeNull();
    expect(slotAt(open, settings, new Date('2026-01-12T11:00:00Z'))).toBeNull();
  });
});
