import type { PageQuery } from './common';
import type { ProductSummary, ShopSummary } from './products';
import type { CallRatingDto } from './call-rating';
import type { CallAppointment } from './appointments';

export type CallType = 'video' | 'audio';
export const CALL_TYPES: readonly CallType[] = ['video', 'audio'] as const;

/** Every state a call can be in. `ringing` and `accepted` are live; the rest are final. */
export type CallStatus =
  'ringing' | 'accepted' | 'declined' | 'cancelled' | 'missed' | 'busy' | 'ended' | 'failed';
export const CALL_STATUSES: readonly CallStatus[] = [
  'ringing',
  'accepted',
  'declined',
  'cancelled',
  'missed',
  'busy',
  'ended',
  'failed',
] as const;
export const LIVE_CALL_STATUSES: readonly CallStatus[] = ['ringing', 'accepted'] as const;

/**
 * The only legal status changes. The server applies them with one conditional update, so
 * when accept, decline, cancel and the ring deadline race, exactly one wins.
 */
export const CALL_TRANSITIONS: Readonly<Record<CallStatus, readonly CallStatus[]>> = {
  ringing: ['accepted', 'declined', 'cancelled', 'missed', 'failed'],
  accepted: ['ended', 'failed'],
  declined: [],
  cancelled: [],
  missed: [],
  busy: [],
  ended: [],
  failed: [],
};

/** Why a call is over. */
export type CallEndReason =
  | 'hangup'
  | 'declined'
  | 'cancelled'
  | 'timeout'
  | 'offline'
  | 'busy'
  /** Media stopped and did not come back within the grace (or a device never came back). */
  | 'connection_lost'
  /** Answered, but media never flowed both ways within the time limit. */
  | 'media_failed'
  | 'error';
export const CALL_END_REASONS: readonly CallEndReason[] = [
  'hangup',
  'declined',
  'cancelled',
  'timeout',
  'offline',
  'busy',
  'connection_lost',
  'media_failed',
  'error',
] as const;

/** Which side started the call. */
export type CallInitiator = 'customer' | 'shop';

/** The call from the point of view of the user reading it. */
export type CallDirection = 'incoming' | 'outgoing';

export interface CallParty {
  id: string;
  name: string;
}

export interface CallDto {
  id: string;
  type: CallType;
  status: CallStatus;
  endReason: CallEndReason | null;
  initiatedBy: CallInitiator;
  customer: CallParty;
  shop: ShopSummary;
  /** The staff member who placed or answered the call for the shop. */
  staff: CallParty | null;
  product: ProductSummary | null;
  createdAt: string;
  ringDeadlineAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  /** When media first flowed both ways (answered is not connected); null if it never did. */
  connectedAt: string | null;
  /** Talk time: whole seconds media flowed both ways, gaps left out; null if it never did. */
  durationSeconds: number | null;
  /** The connection's figures, once the call is over and either side reported any. */
  quality: CallQualitySummary | null;
  /** The booked appointment this call is for (the customer joined it), if any. */
  appointment?: CallAppointment | null;
}

/**
 * One side's connection figures at one moment, as a client samples them from `getStats`
 * (incoming media, and the selected candidate pair); null where the browser has no figure.
 */
export interface CallQualitySample {
  /** Round-trip time of the selected candidate pair. */
  rttMs: number | null;
  /** Incoming packets lost since the previous sample, in percent. */
  lossPct: number | null;
  jitterMs: number | null;
  /** Incoming bitrate, all media. */
  bitrateKbps: number | null;
  /** Incoming video frames decoded per second. */
  fps: number | null;
  width: number | null;
  height: number | null;
  /** The selected candidate pair goes through a TURN relay. */
  relayed: boolean | null;
}

/** Figures of one side over a call: medians, worst values (highest loss, lowest frame rate, ...). */
export interface CallSideQuality {
  samples: number;
  median: CallQualitySample;
  worst: CallQualitySample;
  /** Any sample was relayed. */
  relayed: boolean;
}

export interface CallQualitySummary {
  caller: CallSideQuality | null;
  callee: CallSideQuality | null;
}

/** good / fair / poor, as both call views show it. */
export type CallQualityLevel = 'good' | 'fair' | 'poor';

/** A call in a user's history, with its direction for that user. */
export interface CallHistoryItem extends CallDto {
  direction: CallDirection;
  /** The customer's rating, once they gave one (`GET /calls` only). */
  rating?: CallRatingDto | null;
}

export interface CallHistoryQuery extends PageQuery {
  status?: CallStatus;
  direction?: CallDirection;
  /** ISO dates bounding `createdAt`. */
  from?: string;
  to?: string;
}

/**
 * `POST /api/v2/video-call/initiate`. A customer names `sellerId` (the shop) and `productId`;
 * a seller names `customerId` (and optionally the product the call is about).
 */
export interface InitiateCallRequest {
  sellerId?: string;
  productId?: string;
  customerId?: string;
  type?: CallType;
  /** The caller's socket id, so the call is bound to the device that placed it. */
  deviceId?: string;
  /**
   * Sellers: the open callback request of this customer the call answers ("Call back" on the
   * request); the request closes itself when this call is completed.
   */
  callbackRequestId?: string;
  /** Customers: the booked appointment this call is for (see docs/calls-protocol.md, Appointments). */
  appointmentId?: string;
}

/** `GET /api/v2/video-call/seller-info/:sellerId` */
export interface SellerInfoDto extends ShopSummary {
  description: string;
  phoneNumber: string | null;
  online: boolean;
  available: boolean;
}

/** `GET /api/v2/video-call/product-seller/:productId` */
export interface ProductSellerDto {
  product: ProductSummary & { description: string; stock: number };
  seller: SellerInfoDto;
}

/** A shop's live status as customers see it. */
export interface ShopPresence {
  shopId: string;
  /** Some staff member is connected. */
  online: boolean;
  /** Some connected staff member is available to take calls. */
  available: boolean;
  /** The shop's opening hours right now (`GET /presence/shops` only); null when it set none. */
  hours?: OpeningState | null;
}

/**
 * One stretch a shop is open on a weekday, as wall-clock times in the shop's time zone:
 * `day` 1 (Monday) to 7 (Sunday), `opens` / `closes` "HH:MM" (`closes` may be "24:00").
 */
export interface OpeningSlot {
  day: number;
  opens: string;
  closes: string;
}

/** A shop's opening hours (`PUT /shops/:shopId/opening-hours`). Without any, a shop is always open. */
export interface OpeningHours {
  /** IANA time zone the times are in, e.g. `Europe/Berlin`. */
  timeZone: string;
  weekly: OpeningSlot[];
  /** Whole days closed, `YYYY-MM-DD` in the shop's time zone. */
  closures: string[];
}

/** Open or not at the moment of the answer; instants as ISO strings (shown in the visitor's own time zone). */
export interface OpeningState {
  openNow: boolean;
  /** While open: when this stretch ends. */
  closesAt: string | null;
  /** While closed: when it next opens; null when nothing is scheduled ahead. */
  nextOpenAt: string | null;
}

/** `GET /shops/:shopId/opening-hours`: the schedule and where it stands now; null when the shop set none. */
export interface OpeningHoursDto extends OpeningHours, OpeningState {}

/** A customer's status as a shop they contacted sees it. */
export interface CustomerPresence {
  customerId: string;
  online: boolean;
}

export interface IceServerDto {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface IceServersResponse {
  iceServers: IceServerDto[];
  /** Seconds the TURN credentials stay valid; null when no TURN secret is configured. */
  ttl: number | null;
  /** Use only relayed candidates (hides both parties' IP addresses). */
  relayOnly: boolean;
}

/** A customer who contacted a shop, as the shop sees them (who it may call back). */
export interface ShopContactDto {
  customer: CallParty;
  /** Shown to the shop only because this customer contacted it. */
  phoneNumber: string | null;
  lastContactAt: string;
  online: boolean;
}

export type CallbackPreference = 'phone' | 'video';
/**
 * `called_back`: a call placed from the request was completed (it connected), and closed it;
 * `done`: the shop's staff marked it done without such a call (customers are not told they
 * were called back); `cancelled`: by the customer or the shop.
 */
export type CallbackStatus = 'open' | 'called_back' | 'done' | 'cancelled';
export const CALLBACK_STATUSES: readonly CallbackStatus[] = [
  'open',
  'called_back',
  'done',
  'cancelled',
] as const;

export interface CallbackRequestDto {
  id: string;
  customer: CallParty;
  /** The customer's phone number, shown only to the shop's staff. */
  customerPhone?: string | null;
  shop: ShopSummary;
  product: ProductSummary | null;
  note: string | null;
  preference: CallbackPreference;
  status: CallbackStatus;
  handledBy: CallParty | null;
  createdAt: string;
  handledAt: string | null;
  /** The latest call placed from this request (the one that closed it, once `called_back`). */
  callId: string | null;
}

export interface CreateCallbackRequest {
  sellerId: string;
  productId?: string;
  note?: string;
  preference?: CallbackPreference;
  /** A number to call back on, when the account has none. */
  phoneNumber?: string;
}

/** `called_back` is set by the server only, when a call placed from the request is completed. */
export interface UpdateCallbackRequest {
  status: Exclude<CallbackStatus, 'open' | 'called_back'>;
}

export interface CallbackQuery extends PageQuery {
  status?: CallbackStatus;
}

/**
 * Counts a seller console shows as badges. A missed call is a customer's call nobody at the
 * shop took: status `missed`, `cancelled` (the customer gave up while it rang) or `busy`.
 */
export interface CallSummaryDto {
  missedToday: number;
  missedTotal: number;
  openCallbacks: number;
}

/**
 * A customer a shop no longer takes calls or callback requests from (`PUT` /
 * `DELETE /shops/:shopId/blocked-customers/:customerId`); the customer is told "This shop is
 * not taking your calls" and nothing rings or is recorded.
 */
export interface BlockedCustomerDto {
  customer: CallParty;
  /** The staff member who blocked them. */
  blockedBy: CallParty | null;
  blockedAt: string;
}

/** What a customer calling a shop outside its opening hours is told (`409`); nothing rings. */
export const SHOP_CLOSED_MESSAGE = 'The shop is closed now, outside its opening hours: ask for a callback';

/** What a blocked customer is told when they call or ask for a callback. */
export const BLOCKED_CALLER_MESSAGE = 'This shop is not taking your calls';
