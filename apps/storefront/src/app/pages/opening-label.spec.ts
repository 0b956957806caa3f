import { openingLabel } from './opening-label';

const closed = (nextOpenAt: string | null) => ({ openNow: false, closesAt: null, nextOpenAt });
// Friday 29 Nov 2024, 18:30 in Berlin.
const now = new Date('2024-11-29T17:30:00Z');

describe('openingLabel', () => {
  it("says when the shop opens, in the visitor's own time zone", () => {
    // Monday 09:00 in Berlin is 08:00 in London, and still Monday 03:00 in New York.
    expect(openingLabel(closed('2024-12-02T08:00:00Z'), now, 'Europe/Berlin')).toBe('Opens Monday at 09:00');
    expect(openingLabel(closed('2024-12-02T08:00:00Z'), now, 'Europe/London')).toBe('Opens Monday at 08:00');
    expect(openingLabel(closed('2024-12-02T08:00:00Z'), now, 'America/New_York')).toBe(
      'Opens Monday at 03:00',
    );
    expect(openingLabel(closed('2024-11-30T08:00:00Z'), now, 'Europe/Berlin')).toBe(
      'Opens tomorrow at 09:00',
    );
    expect(openingLabel(closed('2024-11-29T19:00:00Z'), now, 'Europe/Berlin')).toBe('Opens today at 20:00');
    expect(openingLabel(closed('2024-12-10T08:00:00Z'), now, 'Europe/Berlin')).toBe('Opens 10 Dec at 09:00');
  });

  it('open now, or closed with nothing scheduled', () => {
    expect(openingLabel({ openNow: true, closesAt: '2024-11-29T18:00:00Z', nextOpenAt: null }, now)).toBe(
      'Open now',
    );
    expect(openingLabel(closed(null), now)).toBe('Closed');
  });
});
