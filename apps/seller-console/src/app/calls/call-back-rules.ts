import type { CallStatus, ShopContactDto } from '@callshop/contracts';
import { telHref } from '@callshop/web/ui';

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
