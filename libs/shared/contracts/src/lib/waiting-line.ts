import type { Ack } from './call-socket';
import type { CallDto, CallParty, CallType } from './calls';
import type { ProductSummary } from './products';

/**
 * A shop's waiting line: when every staff member taking calls is in a call, a customer waits
 * in line instead of hearing "busy"; the first staff member who frees up is rung with the
 * call of the customer at the head of the line (first come, first served).
 */

/** `waiting` is in line; the rest are final: `rung` (its call was started), `left`, `dropped`. */
export type WaitingLineStatus = 'waiting' | 'rung' | 'left' | 'dropped';

export const WAITING_LINE_STATUSES: readonly WaitingLineStatus[] = ['waiting', 'rung', 'left', 'dropped'];

/** The only legal changes of an entry; the server applies each as one conditional update. */
export const WAITING_LINE_TRANSITIONS: Readonly<Record<WaitingLineStatus, readonly WaitingLineStatus[]>> = {
  waiting: ['rung', 'left', 'dropped'],
  rung: [],
  left: [],
  dropped: [],
};

/** Why an entry left the line without its call: the customer left, or their devices were gone too long. */
export type WaitingLineEndReason = 'left' | 'devices_gone' | 'blocked';

/** Talk time assumed per call for the estimate while a shop has too few connected calls. */
export const WAITING_LINE_DEFAULT_TALK_SECONDS = 180;

/** How many of the shop's most recent connected calls the estimate looks at. */
export const WAITING_LINE_RECENT_CALLS = 20;

/** A customer's own place in a shop's line. */
export interface WaitingLineEntryDto {
  id: string;
  shopId: string;
  shopName: string;
  product: ProductSummary | null;
  type: CallType;
  status: WaitingLineStatus;
  endReason: WaitingLineEndReason | null;
  /** 1 at the head of the line; null once the entry left the line. */
  position: number | null;
  /** Estimated seconds until a staff member is free for this customer; null once out of line. */
  estimatedWaitSeconds: number | null;
  joinedAt: string;
  /** The call started for this entry (status `rung`). */
  callId: string | null;
}

/** One waiting customer as the shop's staff see them. */
export interface WaitingLineStaffEntryDto {
  id: string;
  position: number;
  customer: CallParty;
  product: ProductSummary | null;
  type: CallType;
  joinedAt: string;
}

/**
 * `GET /shops/:shopId/waiting-line`: the line's length for anyone allowed to see it; the
 * shop's staff get every waiting entry, a customer only their own (`mine`, null when not in it).
 */
export interface WaitingLineView {
  shopId: string;
  length: number;
  /** Estimated seconds a customer joining now would wait. */
  estimatedWaitSeconds: number;
  entries?: WaitingLineStaffEntryDto[];
  mine?: WaitingLineEntryDto | null;
}

/** `POST /shops/:shopId/waiting-line`: join the line about one of the shop's products. */
export interface JoinWaitingLineRequest {
  productId: string;
  type?: CallType;
  /** The socket on `/calls` the call binds to when it is started (the caller's device). */
  deviceId: string;
}

/** `line:join` over the socket: the socket itself is the device. */
export interface LineJoinPayload {
  sellerId: string;
  productId: string;
  type?: CallType;
}

/** Pushed to every device of the customer whenever their place in line changes. */
export interface LineUpdatedPush {
  entry: WaitingLineEntryDto;
}

/** Pushed to the device the call was started on: ring as for a call this device placed. */
export interface LineDispatchedPush {
  entry: WaitingLineEntryDto;
  call: CallDto;
}

/** Pushed to the shop's staff whenever the line's length changes. */
export interface LineLengthPush {
  shopId: string;
  length: number;
}

// The line's socket messages join the `/calls` contract, so the gateway and clients type them.
declare module './call-socket' {
  interface CallClientEvents {
    /** Customers: join a shop's line from this socket (its device). */
    'line:join': (p: LineJoinPayload, ack: (r: Ack<{ entry: WaitingLineEntryDto }>) => void) => void;
    /** Customers: leave the line of a shop. */
    'line:leave': (p: { shopId: string }, ack: (r: Ack<{ entry: WaitingLineEntryDto }>) => void) => void;
  }
  interface CallServerEvents {
    'line:updated': (p: LineUpdatedPush) => void;
    'line:dispatched': (p: LineDispatchedPush) => void;
    'line:length': (p: LineLengthPush) => void;
  }
}
