import type {
  CallDirection,
  CallQualitySample,
  CallStatus,
  CallSummaryDto,
  ProductSummary,
} from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';
import type { CallRecord } from '../model/call.mapper';
import type { CallChange, CallFilter, CallParties, CallSide } from '../model/call-state';
import type { NewCall } from '../model/new-call';

/** Who is in a call and which devices are bound: what every relayed signal checks. */
export interface CallBinding extends CallParties {
  status: CallStatus;
  callerDeviceId: string | null;
  calleeDeviceId: string | null;
}

/** What a customer's new call needs checked before it is recorded. */
export interface CustomerCallCheck {
  shopId: string;
  productId: string;
  customerId: string;
  /** Staff of the shop who take calls right now. */
  staff: string[];
}

/** What the checks found, one per request, in order. */
export interface CustomerCallFacts {
  shopExists: boolean;
  /** The product and the shop selling it, when it exists and is not deleted. */
  product: (ProductSummary & { shopId: string }) | null;
  /** The customer is in a live call already. */
  callerLive: boolean;
  /** Which of the given staff are in a live call. */
  busyStaff: string[];
}

export interface HistoryFilter {
  /** A customer reads their calls; a seller reads their shop's. */
  owner: { customerId: string } | { shopId: string };
  status?: CallStatus;
  direction?: CallDirection;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

/** What a media report changed. */
export interface MediaChange {
  record: CallRecord;
  side: CallSide;
  /** Media flowed both ways before the report, and after it. */
  wasFlowing: boolean;
  flowing: boolean;
  /** The reporting side's own media flowed before the report (it now flows as reported). */
  sideWasFlowing: boolean;
  /** This report connected the call for the first time. */
  connectedNow: boolean;
}

/** At most this many quality samples are kept per call. */
export const MAX_QUALITY_SAMPLES = 2000;

export interface ContactRow {
  id: string;
  name: string;
  phone: string | null;
  lastContactAt: Date;
}

/**
 * Every query of calls, by name. Services hold the rules and never write SQL; the only
 * method that changes a call's status is {@link CallsRepository.transition}.
 */
export abstract class CallsRepository {
  /** One call with the names it shows. */
  abstract find(callId: string): Promise<CallRecord | null>;
  /** Parties and bound devices, without the joins. */
  abstract findBinding(callId: string): Promise<CallBinding | null>;
  /** A customer's or a staff member's live call, newest first. */
  abstract liveCallOf(user: AuthUser): Promise<CallRecord | null>;
  abstract customerInLiveCall(customerId: string): Promise<boolean>;
  /**
   * A connecting user's live calls: a customer's own, or a staff member's own plus the
   * customers' calls ringing at their shop.
   */
  abstract liveCallsFor(user: AuthUser): Promise<CallRecord[]>;

  /** Checks customers' calls in one round trip; one answer per request, in order. */
  abstract checkCustomerCalls(requests: CustomerCallCheck[]): Promise<CustomerCallFacts[]>;
  /**
   * Records new calls in one statement. A call the one-live-call-per-customer rule refuses
   * (the customer started or received another call meanwhile) is not inserted: null at its index.
   */
  abstract insert(calls: NewCall[], ringTimeoutMs: number): Promise<(CallRecord | null)[]>;

  /**
   * The one way a call's status changes: applies `change` to every call matching `filter` whose
   * status may legally go to `change.to`, with the effects `ON_ENTER` names, in one conditional
   * statement (so racing changes have exactly one winner). Returns the changed calls.
   */
  abstract transition(filter: CallFilter, change: CallChange): Promise<CallRecord[]>;

  /**
   * A staff member declines a customer's call to their shop that rings for them: it stops
   * ringing for them, and ends `declined` (with the `ON_ENTER` effects) in the same statement
   * when every staff member in `availableStaff` has declined or is in another live call. Null
   * when the call does not ring for them (answered, over, deadline passed, declined already).
   */
  abstract staffDecline(
    callId: string,
    staff: { userId: string; shopId: string },
    availableStaff: string[],
  ): Promise<CallRecord | null>;

  /**
   * Holds a negotiation message the caller's device `deviceId` sends while call `callId` rings,
   * for the device that will answer. `held`; `full` past `max` messages; `not-ringing` when the
   * call no longer rings or that device is not its caller's (then it may be answered: relay).
   */
  abstract holdSignal(
    callId: string,
    deviceId: string,
    signal: unknown,
    max: number,
  ): Promise<'held' | 'full' | 'not-ringing'>;
  /** Hands over (and clears) what the caller sent while the call rang, oldest first. */
  abstract takeHeldSignals(callId: string): Promise<unknown[]>;

  /**
   * Binds a live call's side to a device (after a reconnect, or a REST initiate without one)
   * and clears that side's lost mark. Null when the call is no longer live.
   */
  abstract bindDevice(
    callId: string,
    side: CallSide,
    deviceId: string,
  ): Promise<{ record: CallRecord; wasLost: boolean } | null>;
  /** Unbinds a device that went away from its live calls and marks that side lost from now. */
  abstract releaseDevice(deviceId: string): Promise<{ record: CallRecord; side: CallSide }[]>;
  /**
   * A device bound to an accepted call reports whether its incoming media flows; null when
   * the call is not accepted or the device is not bound to it.
   */
  abstract reportMedia(callId: string, deviceId: string, flowing: boolean): Promise<MediaChange | null>;
  /**
   * Keeps a quality sample from a device bound to an accepted call; false when that side sent
   * one in the last 1.5 s, the call has `MAX_QUALITY_SAMPLES` already, or the device is not bound.
   */
  abstract addQualitySample(callId: string, deviceId: string, sample: CallQualitySample): Promise<boolean>;
  /** Every device bound to a live call (to find those a previous run left behind). */
  abstract boundDevices(): Promise<string[]>;

  abstract hasContacted(shopId: string, customerId: string): Promise<boolean>;
  /** Shops this customer called, was called by, or asked for a callback. */
  abstract contactedShops(customerId: string): Promise<string[]>;
  /** Customers who contacted the shop, most recent first. */
  abstract contacts(shopId: string, limit: number): Promise<ContactRow[]>;
  abstract history(filter: HistoryFilter): Promise<{ records: CallRecord[]; total: number }>;
  abstract shopSummary(shopId: string): Promise<CallSummaryDto>;
}
