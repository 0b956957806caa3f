import type { CallbackStatus } from '@callshop/contracts';

/** A callback request's state in a customer's words. */
export function callbackStatusLabel(status: CallbackStatus): string {
  return status === 'open' ? 'Waiting for the seller' : status === 'done' ? 'Called back' : 'Cancelled';
}
