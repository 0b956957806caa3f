import type { CallStatus, ShopContactDto } from '@callshop/contracts';

/** How a seller may reach a customer again. */
export interface CallBackOptions {
  /** The customer contacted the shop, so calling them back is allowed at all. */
  contacted: boolean;
  /** An in-app video call can be placed now. */
  video: boolean;
  /** A `tel:` link, only for customers who contacted the shop and left a number. */
  phoneHref: string | null;
  phoneNumber: string | null;
  /** Why video is not offered, in words for a tooltip / screen reader. */
  reason: string | null;
}

/**
 * A `tel:` URL for a phone number as people type it ("+1 (555) 010-0101"): keeps a leading +
 * and the digits. Null when there are too few digits to be a number.
 */
export function telHref(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 20) return null;
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

/** Contacts by customer id. */
export function contactIndex(contacts: readonly ShopContactDto[]): Map<string, ShopContactDto> {
  return new Map(contacts.map((c) => [c.customer.id, c]));
}

/**
 * The call-back rules: only customers who contacted the shop (the server's contact list) may
 * be called back, by video when this device is not already in a call, by phone when they have
 * a number on record.
 */
export function callBackOptions(
  customerId: string,
  contacts: ReadonlyMap<string, ShopContactDto>,
  state: { busy: boolean },
): CallBackOptions {
  const contact = contacts.get(customerId);
  if (!contact) {
    return {
      contacted: false,
      video: false,
      phoneHref: null,
      phoneNumber: null,
      reason: 'Only customers who contacted your shop can be called back.',
    };
  }
  const phoneHref = telHref(contact.phoneNumber);
  return {
    contacted: true,
    video: !state.busy,
    phoneHref,
    phoneNumber: phoneHref ? contact.phoneNumber : null,
    reason: state.busy ? 'Finish the current call first.' : null,
  };
}

/** Calls the seller should notice: nobody on the shop's side took them. */
export function isMissed(status: CallStatus, direction: 'incoming' | 'outgoing'): boolean {
  return direction === 'incoming' && (status === 'missed' || status === 'cancelled' || status === 'busy');
}

/** Words for a status in the history list. */
export function statusLabel(status: CallStatus, direction: 'incoming' | 'outgoing'): string {
  switch (status) {
    case 'ended':
      return 'Answered';
    case 'accepted':
      return 'In progress';
    case 'ringing':
      return 'Ringing';
    case 'declined':
      return 'Declined';
    case 'cancelled':
      return direction === 'incoming' ? 'Missed (hung up)' : 'Cancelled';
    case 'missed':
      return direction === 'incoming' ? 'Missed' : 'No answer';
    case 'busy':
      return 'Busy';
    case 'failed':
      return 'Failed';
  }
}
