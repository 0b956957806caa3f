import type { CallEndReason, CallStatus, CallbackStatus } from '@callshop/contracts';

/** A call's status in a customer's words. */
export function callStatusLabel(status: CallStatus, reason: CallEndReason | null): string {
  switch (status) {
    case 'ringing':
      return 'Ringing';
    case 'accepted':
      return 'In progress';
    case 'ended':
      return 'Completed';
    case 'declined':
      return 'Declined';
    case 'cancelled':
      return 'Cancelled';
    case 'busy':
      return 'Busy';
    case 'missed':
      return reason === 'offline' ? 'Seller offline' : 'No answer';
    case 'failed':
      return reason === 'connection_lost' ? 'Connection lost' : 'Failed';
  }
}

export function callbackStatusLabel(status: CallbackStatus): string {
  return status === 'open' ? 'Waiting for the seller' : status === 'done' ? 'Called back' : 'Cancelled';
}
