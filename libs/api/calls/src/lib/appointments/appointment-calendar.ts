import { createEvent } from 'ics';
import type { AppointmentDto } from '@callshop/contracts';

/**
 * The appointment as an iCalendar file (RFC 5545) for the parties' calendars: one event in UTC
 * with a stable UID, so importing it again after a change updates the same event (SEQUENCE is
 * the number of changes); a cancelled appointment comes as STATUS:CANCELLED.
 */
export function appointmentCalendar(a: AppointmentDto, joinUrl: string | null): string {
  const utc = (iso: string) => new Date(iso).getTime();
  const { error, value } = createEvent({
    uid: `appointment-${a.id}@callshop`,
    productId: 'callshop/appointments',
    start: utc(a.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utc(a.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `Video call: ${a.product.name} with ${a.shop.name}`,
    description: [
      `A video call with ${a.shop.name} about ${a.product.name}, booked by ${a.customer.name}.`,
      a.note ? `Note: ${a.note}` : '',
      joinUrl ? `Join from ${joinUrl} when it is time.` : '',
    ]
      .filter(Boolean)
      .join('\n'),
    url: joinUrl ?? undefined,
    status: a.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    sequence: a.rescheduleCount + (a.status === 'cancelled' ? 1 : 0),
    busyStatus: 'BUSY',
  });
  if (error || !value) throw error ?? new Error('The calendar file could not be made');
  return value;
}
