import { canJoin, groupSlotsByDay, slotTime } from './appointment-time';

describe("appointment times in the visitor's zone", () => {
  const slot = (startsAt: string) => ({ startsAt, endsAt: startsAt, free: 1 });

  it('groups slots by the local calendar day: 23:30 UTC is the next day in Tokyo', () => {
    const slots = [slot('2026-12-01T14:00:00.000Z'), slot('2026-12-01T23:30:00.000Z')];
    expect(groupSlotsByDay(slots, 'en-GB', 'UTC').map((d) => d.slots.length)).toEqual([2]);
    const tokyo = groupSlotsByDay(slots, 'en-GB', 'Asia/Tokyo');
    expect(tokyo.map((d) => d.key)).toEqual(['2026-12-01', '2026-12-02']);
    expect(slotTime(slots[1].startsAt, 'en-GB', 'Asia/Tokyo')).toBe('08:30');
  });

  it('can be joined from 10 minutes before the start until the end, while booked', () => {
    const a = { status: 'booked', startsAt: '2026-12-01T14:00:00.000Z', endsAt: '2026-12-01T14:15:00.000Z' };
    const at = (iso: string) => new Date(iso).getTime();
    expect(canJoin(a, at('2026-12-01T13:49:00.000Z'))).toBe(false);
    expect(canJoin(a, at('2026-12-01T13:50:00.000Z'))).toBe(true);
    expect(canJoin(a, at('2026-12-01T14:14:59.000Z'))).toBe(true);
    expect(canJoin(a, at('2026-12-01T14:15:00.000Z'))).toBe(false);
    expect(canJoin({ ...a, status: 'cancelled' }, at('2026-12-01T14:00:00.000Z'))).toBe(false);
  });
});
