import type {
  CallEndReason,
  CallParty,
  CallStatus,
  CallType,
  CallbackPreference,
  CallbackStatus,
} from './calls';
import type { OrderStatus } from './orders';

/** Tags on a call note: at most this many, each 1-32 characters. */
export const CALL_NOTE_MAX_TAGS = 10;
export const CALL_NOTE_TAG_MAX_LENGTH = 32;
export const CALL_NOTE_MAX_LENGTH = 2000;

/** `POST /calls/:id/notes`: a private note of the shop's staff on a call, with tags. */
export interface CreateCallNoteRequest {
  body: string;
  tags?: string[];
}

/** A note the shop's staff wrote on a call. Only the shop's staff ever see it. */
export interface CallNoteDto {
  id: string;
  callId: string;
  body: string;
  tags: string[];
  author: CallParty | null;
  createdAt: string;
}

export interface TimelineCall {
  id: string;
  /** From the shop's point of view. */
  direction: 'incoming' | 'outgoing';
  type: CallType;
  status: CallStatus;
  endReason: CallEndReason | null;
  staff: CallParty | null;
  product: { id: string | null; name: string } | null;
  durationSeconds: number | null;
}

export interface TimelineCallback {
  id: string;
  status: CallbackStatus;
  preference: CallbackPreference;
  note: string | null;
  product: { id: string | null; name: string } | null;
  handledAt: string | null;
}

export interface TimelineOrder {
  id: string;
  status: OrderStatus;
  /** Minor units of `currency`. */
  total: number;
  currency: string;
  items: number;
  assistedByCallId: string | null;
}

/** One entry of a customer's timeline with a shop, newest first. */
export type TimelineItem =
  | { kind: 'call'; at: string; call: TimelineCall; notes: CallNoteDto[] }
  | { kind: 'callback'; at: string; callback: TimelineCallback }
  | { kind: 'order'; at: string; order: TimelineOrder };

/** `GET /customers/:id/timeline`: everything between one customer and the reader's shop. */
export interface CustomerTimeline {
  customer: CallParty;
  items: TimelineItem[];
}
