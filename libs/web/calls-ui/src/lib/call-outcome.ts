import { SHOP_CLOSED_MESSAGE, type CallDto } from '@callshop/contracts';
import { SocketRequestError, describeError } from '@callshop/web/core';
import { RtcMediaError, mediaErrorHelp, type MediaErrorKind } from '@callshop/web/rtc';
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
  /** The network kept the call from connecting: offer the other party's phone number. */
  phoneFallback?: boolean;
  /** The shop is closed now: offer to book a video call at a free time. */
  offerAppointment?: boolean;
}

/** The name of the other party as `viewer` sees it. */
export function counterpartName(call: CallDto, viewer: CallViewer): string {
  return viewer === 'customer' ? call.shop.name : call.customer.name;
}

/** Whether `viewer` placed the call. */
export function isCaller(call: CallDto, viewer: CallViewer): boolean {
  return (call.initiatedBy === 'customer') === (viewer === 'customer');
}

function outcome(
  title: string,
  tone: CallOutcome['tone'] = 'info',
  detail: string | null = null,
  suggestCallback = false,
): CallOutcome {
  return { title, detail, tone, suggestCallback };
}

/*
 * Every sentence the call views show when a call ends is built below, so the same ending
 * always reads the same whichever way this device learnt about it.
 */

/** Ended normally, with its talk time when it had connected. */
export function callEndedOutcome(durationSeconds: number | null = null): CallOutcome {
  return outcome(
    'Call ended',
    'info',
    durationSeconds !== null ? `Duration ${formatDuration(durationSeconds)}` : null,
  );
}

export function declinedByYouOutcome(): CallOutcome {
  return outcome('You declined the call.');
}

export function cancelledOutcome(): CallOutcome {
  return outcome('Call cancelled.');
}

/**
 * The connection was lost after the call connected and did not come back within the
 * server's grace, with the talk time when the call had connected.
 */
export function connectionLostOutcome(durationSeconds: number | null = null): CallOutcome {
  return outcome(
    'The connection was lost.',
    'error',
    durationSeconds !== null
      ? `You talked for ${formatDuration(durationSeconds)} before it dropped.`
      : 'The call ended because the connection could not be restored.',
  );
}

/**
 * The call was answered but media never flowed both ways: the networks in between (a strict
 * firewall, two symmetric NATs without a relay) let nothing through. Both sides read the same
 * words; the customer is offered the shop's phone and a callback, the shop the customer's
 * phone.
 */
export function couldNotConnectOutcome(call: Pick<CallDto, 'type'>, viewer: CallViewer): CallOutcome {
  return {
    ...outcome(
      `We couldn't connect the ${call.type === 'audio' ? 'call' : 'video'}.`,
      'error',
      'Your network may block calls.',
      viewer === 'customer',
    ),
    phoneFallback: true,
  };
}

/** The server refused to re-bind the call after this device's socket came back. */
export function callLostOutcome(detail: string): CallOutcome {
  return outcome('The call was lost.', 'error', detail);
}

/** Another device took the ringing call: the same user's, or another staff member's. */
export function answeredElsewhereOutcome(
  answeredBy: { id: string; name: string },
  myUserId: string | undefined,
): CallOutcome {
  return outcome(
    answeredBy.id === myUserId ? 'Answered on another device' : `Answered by ${answeredBy.name}`,
  );
}

/** Why a call could not be placed; a conflict means this user is already in a call. */
export function startFailedOutcome(error: unknown): CallOutcome {
  if (error instanceof SocketRequestError && error.error.message === SHOP_CLOSED_MESSAGE) {
    // Outside the shop's opening hours nothing rang: a callback request instead.
    return {
      ...outcome(
        'The shop is closed now.',
        'warning',
        'Ask them to call you back when they open, or book a video call at a time that suits you.',
        true,
      ),
      offerAppointment: true,
    };
  }
  const detail =
    error instanceof SocketRequestError && error.error.code === 'CONFLICT'
      ? 'You are already in a call. Finish it before starting another.'
      : describeError(error);
  return outcome('The call could not be started.', 'error', detail);
}

/** Answering failed after the click (the call is still ringing elsewhere, or already over). */
export function acceptFailedOutcome(error: unknown): CallOutcome {
  return outcome('The call could not be started.', 'error', refusal(error));
}

export function rejoinFailedOutcome(error: unknown): CallOutcome {
  return outcome('The call could not be rejoined.', 'error', refusal(error));
}

/** The camera or microphone failed; customers are offered a callback instead. */
export function mediaFailedOutcome(error: unknown, viewer: CallViewer): CallOutcome {
  const kind = error instanceof RtcMediaError ? error.kind : 'unknown';
  return {
    ...outcome(
      'We could not use your camera or microphone.',
      'error',
      mediaErrorHelp(kind),
      viewer === 'customer',
    ),
    mediaError: kind,
  };
}

function refusal(error: unknown): string {
  return error instanceof SocketRequestError ? error.message : describeError(error);
}

/** Plain words for a call's final status and reason, from the viewer's side. */
export function describeOutcome(call: CallDto, viewer: CallViewer): CallOutcome {
  const other = counterpartName(call, viewer);
  const caller = isCaller(call, viewer);
  const canCallBack = caller && viewer === 'customer';
  switch (call.status) {
    case 'ended':
      return callEndedOutcome(call.durationSeconds);
    case 'declined':
      return caller
        ? outcome(
            `${other} declined the call.`,
            'warning',
            canCallBack ? 'You can ask them to call you back.' : null,
            canCallBack,
          )
        : declinedByYouOutcome();
    case 'cancelled':
      return caller
        ? cancelledOutcome()
        : outcome(`Missed call from ${other}.`, 'warning', `${other} hung up before you answered.`);
    case 'busy':
      return caller
        ? outcome(
            `${other} is on another call.`,
            'warning',
            canCallBack ? 'Try again in a few minutes, or ask for a callback.' : null,
            canCallBack,
          )
        : outcome(`Missed call from ${other}.`, 'warning');
    case 'missed':
      if (!caller) return outcome(`Missed call from ${other}.`, 'warning');
      if (call.endReason === 'offline') {
        return outcome(
          `${other} is offline right now.`,
          'warning',
          canCallBack ? 'Leave a callback request and they will call you back.' : null,
          canCallBack,
        );
      }
      return outcome(
        `No answer from ${other}.`,
        'warning',
        canCallBack ? 'They may be busy. Ask them to call you back.' : null,
        canCallBack,
      );
    case 'failed':
      if (call.endReason === 'media_failed') return couldNotConnectOutcome(call, viewer);
      return call.endReason === 'connection_lost'
        ? connectionLostOutcome(call.connectedAt ? call.durationSeconds : null)
        : outcome('The call could not be connected.', 'error', 'Please try again.');
    default:
      return callEndedOutcome();
  }
}
