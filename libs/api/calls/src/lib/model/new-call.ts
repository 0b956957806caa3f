import type { CallEndReason, CallInitiator, CallType, ProductSummary } from '@callshop/contracts';

/** How a new call starts: it rings, or it is over at once. */
export type NewCallStatus = 'ringing' | 'missed' | 'busy';

/** Who can take a new call on the called side, as presence and the live calls show it. */
export interface CalleeAvailability {
  /** People on the called side who take calls right now (connected and available). */
  available: string[];
  /** Which of them are already in a live call. */
  busy: string[];
}

/**
 * The one rule for a new call, whoever places it: missed (`offline`) when nobody on the called
 * side takes calls, busy when every one who does is in a call, ringing otherwise.
 */
export function decideNewCall(callee: CalleeAvailability): {
  status: NewCallStatus;
  endReason: CallEndReason | null;
} {
  if (callee.available.length === 0) return { status: 'missed', endReason: 'offline' };
  const busy = new Set(callee.busy);
  if (callee.available.every((id) => busy.has(id))) return { status: 'busy', endReason: 'busy' };
  return { status: 'ringing', endReason: null };
}

/** A call to record, with its outcome decided. */
export interface NewCall {
  customerId: string;
  shopId: string;
  /** The staff member placing a shop's call; null for a customer's call until answered. */
  staffId: string | null;
  product: ProductSummary | null;
  type: CallType;
  initiatedBy: CallInitiator;
  status: NewCallStatus;
  endReason: CallEndReason | null;
  /** Bound only while the call rings. */
  callerDeviceId: string | null;
}
