import type { CallDirection, CallEndReason, CallStatus } from '@callshop/contracts';
import type { CallViewer } from './call-outcome';

/** What a history row knows about a call. */
export interface CallHistoryEntry {
  status: CallStatus;
  endReason: CallEndReason | null;
  /** From the viewer's side: `incoming` when the other party placed it. */
  direction: CallDirection;
}

/**
 * A call's status in a call history, in the viewer's words: a customer reads "Seller offline"
 * where the shop reads "No answer"; the shop reads every call nobody of its staff took as
 * missed. An answered call whose media never flowed reads "Couldn't connect" on both sides,
 * not "Answered".
 */
export function callStatusLabel(entry: CallHistoryEntry, viewer: CallViewer): string {
  const { status, endReason, direction } = entry;
  const shopMissed = viewer === 'shop' && direction === 'incoming';
  switch (status) {
    case 'ringing':
      return 'Ringing';
    case 'accepted':
      return 'In progress';
    case 'ended':
      return viewer === 'customer' ? 'Completed' : 'Answered';
    case 'declined':
      return 'Declined';
    case 'cancelled':
      return shopMissed ? 'Missed (hung up)' : 'Cancelled';
    case 'busy':
      return 'Busy';
    case 'missed':
      if (viewer === 'customer' && endReason === 'offline') return 'Seller offline';
      return shopMissed ? 'Missed' : 'No answer';
    case 'failed':
      if (endReason === 'media_failed') return "Couldn't connect";
      return endReason === 'connection_lost' ? 'Connection lost' : 'Failed';
  }
}
