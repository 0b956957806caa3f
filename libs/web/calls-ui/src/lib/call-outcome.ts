import type { CallDto } from '@callshop/contracts';
import type { MediaErrorKind } from '@callshop/web/rtc';
import { formatDuration } from '@callshop/web/ui';

/** Which side of the marketplace the viewer is on. */
export type CallViewer = 'customer' | 'shop';

/** How a call ended, in words for the person who sees it. */
export interface CallOutcome {
  title: string;
  detail: string | null;
  tone: 'info' | 'warning' | 'error';
  /** The other side could not take the call: offer a callback request instead. */
  suggestCallback: boolean;
  /** The camera or microphone failed: offer audio-only and the phone. */
  mediaError?: MediaErrorKind;
}

/** The name of the other party as `viewer` sees it. */
export function counterpartName(call: CallDto, viewer: CallViewer): string {
  return viewer === 'customer' ? call.shop.name : call.customer.name;
}

/** Whether `viewer` placed the call. */
export function isCaller(call: CallDto, viewer: CallViewer): boolean {
  return (call.initiatedBy === 'customer') === (viewer === 'customer');
}

/** Plain words for a call's final status and reason, from the viewer's side. */
export function describeOutcome(call: CallDto, viewer: CallViewer): CallOutcome {
  const other = counterpartName(call, viewer);
  const caller = isCaller(call, viewer);
  const canCallBack = caller && viewer === 'customer';
  const out = (
    title: string,
    tone: CallOutcome['tone'] = 'info',
    detail: string | null = null,
    suggestCallback = false,
  ) => ({
    title,
    detail,
    tone,
    suggestCallback,
  });
  switch (call.status) {
    case 'ended':
      return out(
        'Call ended',
        'info',
        call.durationSeconds !== null ? `Duration ${formatDuration(call.durationSeconds)}` : null,
      );
    case 'declined':
      return caller
        ? out(
            `${other} declined the call.`,
            'warning',
            canCallBack ? 'You can ask them to call you back.' : null,
            canCallBack,
          )
        : out('You declined the call.');
    case 'cancelled':
      return caller
        ? out('Call cancelled.')
        : out(`Missed call from ${other}.`, 'warning', `${other} hung up before you answered.`);
    case 'busy':
      return caller
        ? out(
            `${other} is on another call.`,
            'warning',
            canCallBack ? 'Try again in a few minutes, or ask for a callback.' : null,
            canCallBack,
          )
        : out(`Missed call from ${other}.`, 'warning');
    case 'missed':
      if (!caller) return out(`Missed call from ${other}.`, 'warning');
      if (call.endReason === 'offline') {
        return out(
          `${other} is offline right now.`,
          'warning',
          canCallBack ? 'Leave a callback request and they will call you back.' : null,
          canCallBack,
        );
      }
      return out(
        `No answer from ${other}.`,
        'warning',
        canCallBack ? 'They may be busy. Ask them to call you back.' : null,
        canCallBack,
      );
    case 'failed':
      return call.endReason === 'connection_lost'
        ? out(
            'The connection was lost.',
            'error',
            'The call ended because the connection could not be restored.',
          )
        : out('The call could not be connected.', 'error', 'Please try again.');
    default:
      return out('Call ended');
  }
}
