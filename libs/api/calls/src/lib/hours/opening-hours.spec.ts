import type { OpeningHours } from '@callshop/contracts';
import { openingHoursProblems, openingState } from './opening-hours';

const weekdays = (opens: string, closes: string) => [1, 2, 3, 4, 5].map((day) => ({ day, opens, closes }));
const berlin: OpeningHours = { timeZone: 'Europe/Berlin', weekly: weekdays('09:00', '17:00'), closures: [] };

describe('opening hours in the shop time zone', () => {
  it('is open inside a stretch and says when it closes, as an instant', () => {
    // Wednesday 27 Nov 2024, 10:00 in Berlin (UTC+1).
    expect(openingState(berlin, new Date('2024-11-27T09:00:00Z'))).toEqual({
      openNow: true,
      closesAt: '2024-11-27T16:00:00.000Z',
      nextOpenAt: null,
    });
  });

  it('after hours on Friday, next opens Monday morning, skipping a closure date', () => {
    const friday = new Date('2024-11-29T17:30:00Z'); // 18:30 in Berlin
    expect(openingState(berlin, friday)).toMatchObject({
      openNow: false,
      nextOpenAt: '2024-12-02T08:00:00.000Z',
    });
    expect(openingState({ ...berlin, closures: ['2024-12-02'] }, friday).nextOpenAt).toBe(
      '2024-12-03T08:00:00.000Z',
    );
  });

  it('keeps wall-clock times across the spring daylight-saving change (Berlin, 31 Mar 2024)', () => {
    const sundays = {
      ...berlin,
      weekly: [{ day: 7, opens: '01:00', closes: '05:00' }, ...weekdays('09:00', '17:00')],
    };
    // 01:30 CET is 00:30Z; clocks jump 02:00 -> 03:00, so 01:00-05:00 lasts 3 hours.
    expect(openingState(sundays, new Date('2024-03-31T00:30:00Z'))).toEqual({
      openNow: true,
      closesAt: '2024-03-31T03:00:00.000Z', // 05:00 CEST
      nextOpenAt: null,
    });
    // Friday before: Monday opens at 09:00 summer time, 07:00Z (it was 08:00Z the week before).
    expect(openingState(berlin, new Date('2024-03-29T18:00:00Z')).nextOpenAt).toBe(
      '2024-04-01T07:00:00.000Z',
    );
  });

  it('keeps wall-clock times across the autumn change, in another hemisphere too', () => {
    // New York falls back on 3 Nov 2024: Monday 09:00 EST is 14:00Z (13:00Z the Friday before).
    const ny = { ...berlin, timeZone: 'America/New_York' };
    expect(openingState(ny, new Date('2024-11-01T13:30:00Z')).openNow).toBe(true);
    expect(openingState(ny, new Date('2024-11-01T22:00:00Z')).nextOpenAt).toBe('2024-11-04T14:00:00.000Z');
    // Sydney springs forward on 6 Oct 2024 (UTC+10 -> +11).
    const sydney = { ...berlin, timeZone: 'Australia/Sydney' };
    expect(openingState(sydney, new Date('2024-10-04T08:00:00Z')).nextOpenAt).toBe(
      '2024-10-06T22:00:00.000Z',
    );
  });

  it('a stretch to midnight, and nothing scheduled at all', () => {
    const late = { ...berlin, weekly: [{ day: 3, opens: '20:00', closes: '24:00' }] };
    expect(openingState(late, new Date('2024-11-27T22:30:00Z'))).toMatchObject({
      openNow: true,
      closesAt: '2024-11-27T23:00:00.000Z',
    });
    expect(openingState({ ...berlin, weekly: [] }, new Date())).toEqual({
      openNow: false,
      closesAt: null,
      nextOpenAt: null,
    });
  });

  it('names every problem of a bad schedule', () => {
    expect(
      openingHoursProblems({
        timeZone: 'Mars/Olympus',
        weekly: [
          { day: 8, opens: '09:00', closes: '17:00' },
          { day: 1, opens: '18:00', closes: '09:00' },
          { day: 2, opens: '09:00', closes: '13:00' },
          { day: 2, opens: '12:00', closes: '17:00' },
          { day: 3, opens: '9am', closes: '25:00' },
        ],
        closures: ['2024-02-30', 'soon'],
      }),
    ).toEqual([
      'timeZone Mars/Olympus is not a known IANA time zone',
      'weekly[0].day must be 1 (Monday) to 7 (Sunday)',
      'weekly[1] closes before it opens',
      'weekly[4].opens must be HH:MM',
      'weekly[4].closes must be HH:MM (24:00 for midnight)',
      'the opening hours of day 2 overlap',
      'closures[0] must be a date (YYYY-MM-DD)',
      'closures[1] must be a date (YYYY-MM-DD)',
    ]);
    expect(openingHoursProblems(berlin)).toEqual([]);
  });
});
