import {
  CALL_STATUSES,
  CALL_TRANSITIONS,
  LIVE_CALL_STATUSES,
  type CallEndReason,
  type CallInitiator,
  type CallStatus,
} from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';

/**
 * The statuses a call may be in for a change to `to` to be legal, optionally narrowed to
 * `only` (e.g. `hangup` is only from `accepted`). Empty when the change is never legal.
 */
export function allowedFrom(to: CallStatus, only?: readonly CallStatus[]): CallStatus[] {
  return CALL_STATUSES.filter((s) => CALL_TRANSITIONS[s].includes(to) && (!only || only.includes(s)));
}

/** The status is `ringing` or `accepted`: the call can still change. */
export function isLiveStatus(status: CallStatus): boolean {
  return LIVE_CALL_STATUSES.includes(status);
}

export function isFinalStatus(status: CallStatus): boolean {
  return !isLiveStatus(status);
}

/** The statuses a call ends in. */
export type FinalCallStatus = Exclude<CallStatus, 'ringing' | 'accepted'>;

/**
 * What entering a status writes besides the status itself, next to `CALL_TRANSITIONS` (the
 * table of legal changes). The repository turns these into columns in one place, for
 * transitions and for calls recorded as already over (missed, busy):
 * - `answered`: `answered_at` is now, and media must flow both ways by the change's
 *   `mediaTimeoutMs` (`media_deadline_at`);
 * - `ended`: `ended_at` is now, `end_reason` is the change's reason, talk time is the time
 *   media flowed both ways (null if it never did: answered is not connected), and the
 *   devices' "lost" marks are cleared.
 */
export interface EnterEffects {
  answered: boolean;
  ended: boolean;
}

const LIVE: EnterEffects = { answered: false, ended: false };
const FINAL: EnterEffects = { answered: false, ended: true };

export const ON_ENTER: Readonly<Record<CallStatus, EnterEffects>> = {
  ringing: LIVE,
  accepted: { answered: true, ended: false },
  declined: FINAL,
  cancelled: FINAL,
  missed: FINAL,
  busy: FINAL,
  ended: FINAL,
  failed: FINAL,
};

/**
 * One status change as callers ask for it: answering binds the answering device (and, on a
 * customer's call, the staff member); ending names why.
 */
export type CallChange =
  | {
      to: 'accepted';
      calleeDeviceId: string;
      /** Media must flow both ways within this long, or the call fails (`media_failed`). */
      mediaTimeoutMs: number;
      /** The staff member answering a customer's call becomes the call's staff member. */
      answeredBy?: string;
    }
  | { to: FinalCallStatus; reason: CallEndReason };

/**
 * Which calls a change applies to; every condition given must hold. Typed, so callers never
 * write SQL and a fake repository can apply the same rules in memory.
 */
export interface CallFilter {
  callId?: string;
  /** Narrows the statuses the change may start from (within `CALL_TRANSITIONS`). */
  from?: readonly CallStatus[];
  /** Calls this user may answer: a customer's call to their shop, or a shop's call to them. */
  answerableBy?: { userId: string; shopId: string | null };
  /** Calls this user holds: the customer, or the staff member who placed or answered it. */
  heldBy?: string;
  /** The ring deadline has passed (`true`) or not (`false`). */
  ringDeadlinePassed?: boolean;
  /** A bound device has been gone for at least this long (the reconnect grace ran out). */
  deviceLostForMs?: number;
  /** Answered, never connected, and the media deadline has passed. */
  mediaDeadlinePassed?: true;
  /** Media stopped at least this long ago and has not come back. */
  mediaLostForMs?: number;
  /** Customers' calls to this shop that no staff member has taken. */
  untakenCallsToShop?: string;
  /** The shop's calls to this customer. */
  shopCallsToCustomer?: string;
}

/**
 * Checks the transitions table and the effects map against each other (run at start-up and
 * in tests): every status has effects, final statuses lead nowhere and end the call, live
 * ones do not, and every legal target is a known status.
 */
export function validateCallStateMachine(): void {
  for (const status of CALL_STATUSES) {
    const effects = ON_ENTER[status];
    const targets = CALL_TRANSITIONS[status];
    if (!effects || !targets) throw new Error(`Call status ${status} has no effects or transitions`);
    if (effects.ended !== isFinalStatus(status)) {
      throw new Error(`Call status ${status}: "ended" effect must match whether it is final`);
    }
    if (isFinalStatus(status) && targets.length) throw new Error(`Final status ${status} has transitions`);
    for (const to of targets) {
      if (!CALL_STATUSES.includes(to)) throw new Error(`Unknown call status ${to} after ${status}`);
    }
  }
}

export type CallSide = 'caller' | 'callee';

/** The parts of a call that decide who may act on it. */
export interface CallParties {
  customerId: string;
  shopId: string;
  staffId: string | null;
  initiatedBy: CallInitiator;
}

export interface Participation {
  side: CallSide;
  /**
   * This user is the person on their side of the call: the customer, or the staff member who
   * placed or answered it. Other staff of the shop can see the call but not act in it once a
   * colleague holds it.
   */
  holder: boolean;
}

/** Which side of the call `user` is on, or null when they are not a party (not even the shop's staff). */
export function participation(call: CallParties, user: AuthUser): Participation | null {
  if (user.role === 'customer') {
    if (call.customerId !== user.id) return null;
    return { side: call.initiatedBy === 'customer' ? 'caller' : 'callee', holder: true };
  }
  if (!user.shopId || user.shopId !== call.shopId) return null;
  return {
    side: call.initiatedBy === 'shop' ? 'caller' : 'callee',
    holder: call.staffId === null || call.staffId === user.id,
  };
}
