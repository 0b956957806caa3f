import {
  CALL_STATUSES,
  CALL_TRANSITIONS,
  LIVE_CALL_STATUSES,
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

export function isLive(status: CallStatus): boolean {
  return LIVE_CALL_STATUSES.includes(status);
}

export function isFinal(status: CallStatus): boolean {
  return !isLive(status);
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
