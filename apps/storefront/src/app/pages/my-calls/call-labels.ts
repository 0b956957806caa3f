import type { CallbackStatus } from '@callshop/contracts';

const CALLBACK_LABELS: Record<CallbackStatus, string> = {
  open: 'Waiting for the seller',
  // A call placed from the request was completed.
  called_back: 'Called back',
  // The shop closed it without a call from it: not claimed as a call back.
  done: 'Closed by the shop',
  cancelled: 'Cancelled',
};

/** A callback request's state in a customer's words. */
export function callbackStatusLabel(status: CallbackStatus): string {
  return CALLBACK_LABELS[status];
}
