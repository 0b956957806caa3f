import type {
  CallDirection,
  CallDto,
  CallEndReason,
  CallQualityLevel,
  CallStatus,
} from '@callshop/contracts';
import type { QualityAssessment } from '@callshop/web/rtc';
import { formatDuration } from '@callshop/web/ui';
import type { CallViewer } from './call-outcome';
import type { CallPhase } from './call-state-machine';

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

/** The other party as a sentence names them: "the seller" ("support" for the platform's own shop), "the customer". */
export function otherSideWord(viewer: CallViewer, call: Pick<CallDto, 'shop'> | null): string {
  if (viewer === 'shop') return 'the customer';
  return call?.shop.isPlatform ? 'support' : 'the seller';
}

/** What the in-call view knows when it words a live call's status. */
export interface LiveStatus {
  phase: CallPhase;
  /** Reconnecting because the other side's connection dropped, not this device's. */
  peerDropped: boolean;
  /** {@link otherSideWord}. */
  otherSide: string;
  /** Seconds of the call so far, once it connected. */
  talkSeconds: number | null;
}

/**
 * The status line of a live call: "Connecting…", "In call · 1:05", and "Reconnecting…", which
 * says whose connection dropped when it was the other side's (this device still receives, or
 * its own socket is fine, so the user would otherwise blame their own network).
 */
export function liveStatusLabel({ phase, peerDropped, otherSide, talkSeconds }: LiveStatus): string {
  switch (phase) {
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return peerDropped ? `Reconnecting… (${otherSide}'s connection dropped)` : 'Reconnecting…';
    case 'in-call':
      return talkSeconds === null ? 'In call' : `In call · ${formatDuration(talkSeconds)}`;
    default:
      return '';
  }
}

/** What a screen reader hears when the call is reconnecting because of the other side. */
export function peerDroppedAnnouncement(otherSide: string): string {
  return `${capitalize(otherSide)}'s connection dropped, reconnecting`;
}

const capitalize = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

/** The connection quality indicator: a level and the words for it (the colour only repeats them). */
export interface QualityIndicator {
  level: CallQualityLevel;
  text: string;
}

const LEVEL_WORDS: Record<CallQualityLevel, string> = { good: 'Good', fair: 'Fair', poor: 'Poor' };

/**
 * The quality indicator of a live call: in the call, this device's assessment of what it
 * receives; while the other side's connection is down, poor, saying so (what this device
 * receives may still look fine, but the other side gets nothing); otherwise none (the
 * "Reconnecting…" banner speaks).
 */
export function liveQualityIndicator(
  status: Pick<LiveStatus, 'phase' | 'peerDropped' | 'otherSide'>,
  assessment: QualityAssessment | null,
): QualityIndicator | null {
  if (status.phase === 'reconnecting' && status.peerDropped) {
    return { level: 'poor', text: `Connection: Poor · ${capitalize(status.otherSide)}'s connection dropped` };
  }
  if (status.phase !== 'in-call' || !assessment) return null;
  const reason = assessment.reason ? ` · ${assessment.reason}` : '';
  return { level: assessment.level, text: `Connection: ${LEVEL_WORDS[assessment.level]}${reason}` };
}
