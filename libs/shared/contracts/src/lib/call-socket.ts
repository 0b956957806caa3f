import type {
  CallDto,
  CallQualitySample,
  ShopPresence,
  CustomerPresence,
  CallbackRequestDto,
  CallParty,
  InitiateCallRequest,
} from './calls';
import type { CallMessageDto, CallProductPayload, CallTextPayload } from './call-chat';
import type { AppointmentPush } from './appointments';

/** Socket.io path and namespace of the signaling server. */
export const CALL_SOCKET_NAMESPACE = '/calls';
export const CALL_SOCKET_PATH = '/socket.io';

/** Error codes in a refused acknowledgement or `error` event. */
export type SocketErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'INVALID_PAYLOAD'
  | 'PAYLOAD_TOO_LARGE'
  | 'CONFLICT'
  | 'NOT_IN_CALL'
  | 'RATE_LIMITED'
  | 'INTERNAL';

export interface SocketError {
  code: SocketErrorCode;
  message: string;
}

/** Every client-to-server message is acknowledged with this. */
export type Ack<T = Record<string, never>> = ({ ok: true } & T) | { ok: false; error: SocketError };

/** WebRTC negotiation payloads relayed between the two devices of a live call. */
export type SignalPayload =
  | { kind: 'description'; description: { type: 'offer' | 'answer' | 'pranswer' | 'rollback'; sdp?: string } }
  | {
      kind: 'candidate';
      candidate: {
        candidate: string;
        sdpMid?: string | null;
        sdpMLineIndex?: number | null;
        usernameFragment?: string | null;
      } | null;
    }
  /** This side's mute and camera state; `screen`: the video is a shared screen or window, not the camera. */
  | { kind: 'media'; audio: boolean; video: boolean; screen?: boolean };

export const SIGNAL_LIMITS = {
  /** Largest SDP accepted, in characters. */
  sdpMax: 64 * 1024,
  candidateMax: 2048,
  /** Signaling messages one socket may send per second before being refused. */
  messagesPerSecond: 50,
  /** Negotiation messages the server holds for a ringing call (the caller's offer and candidates). */
  heldWhileRinging: 40,
} as const;

/** Which side of the call a device is on, and its role in perfect negotiation. */
export interface CallBinding {
  call: CallDto;
  role: 'caller' | 'callee';
  /** The callee is the polite peer: it rolls back its own offer on glare. */
  polite: boolean;
  /**
   * In the answer to `call:accept` only: what the caller's device sent while the call rang (its
   * offer and first candidates), oldest first, for this device to apply at once.
   */
  signals?: SignalPayload[];
}

export interface CallIdPayload {
  callId: string;
}

export interface CallResumePayload extends CallIdPayload {
  /**
   * This page starts a new peer connection (it was reloaded or reopened), so the device that
   * stayed starts a new one too instead of renegotiating the old one. Absent: the page kept
   * its connection and only the socket is new.
   */
  fresh?: boolean;
}

/**
 * What a device reports of its incoming media: `flowing` once frames or audio are decoded,
 * false when they stop. The call is connected while both sides report flowing.
 */
export interface CallMediaReport extends CallIdPayload {
  flowing: boolean;
}

/** A device's periodic connection figures for the call's quality summary. */
export interface CallQualityReport extends CallIdPayload {
  sample: CallQualitySample;
}

/**
 * The other party's media, as its device reports it: `interrupted` when what reaches it
 * stopped flowing after the call connected, `restored` when it flows again.
 */
export type PeerConnectionState = 'interrupted' | 'restored';

export interface PeerConnectionChange extends CallIdPayload {
  state: PeerConnectionState;
}

export interface SignalMessage {
  callId: string;
  signal: SignalPayload;
}

/** Messages a client sends; each takes an acknowledgement callback. */
export interface CallClientEvents {
  /**
   * Starts a call from this socket, which becomes the caller's device: the same rules and
   * answer as `POST /api/v2/video-call/initiate`, without an HTTP round trip.
   */
  'call:initiate': (
    p: Omit<InitiateCallRequest, 'deviceId'>,
    ack: (r: Ack<{ call: CallDto }>) => void,
  ) => void;
  'call:accept': (p: CallIdPayload, ack: (r: Ack<CallBinding>) => void) => void;
  'call:decline': (p: CallIdPayload, ack: (r: Ack<{ call: CallDto }>) => void) => void;
  'call:cancel': (p: CallIdPayload, ack: (r: Ack<{ call: CallDto }>) => void) => void;
  'call:hangup': (p: CallIdPayload, ack: (r: Ack<{ call: CallDto }>) => void) => void;
  'call:signal': (p: SignalMessage, ack: (r: Ack) => void) => void;
  /** From a device bound to an accepted call: its incoming media started or stopped flowing. */
  'call:media': (p: CallMediaReport, ack: (r: Ack) => void) => void;
  /** From a device bound to a connected call: a quality sample (at most one every 2 s is kept). */
  'call:quality': (p: CallQualityReport, ack: (r: Ack) => void) => void;
  /** Re-bind a live call to this socket (after a reconnect, or a REST initiate without deviceId). */
  'call:resume': (p: CallResumePayload, ack: (r: Ack<CallBinding>) => void) => void;
  'presence:subscribe': (p: { shopId: string }, ack: (r: Ack<{ presence: ShopPresence }>) => void) => void;
  'presence:unsubscribe': (p: { shopId: string }, ack: (r: Ack) => void) => void;
  /**
   * A text message into an accepted call, from one of its two parties (the customer, the staff
   * member holding it). Resending the same `clientId` returns the stored message (`duplicate`).
   */
  'call:message': (
    p: CallTextPayload,
    ack: (r: Ack<{ message: CallMessageDto; duplicate: boolean }>) => void,
  ) => void;
  /** The staff member holding an accepted call sends one of the shop's products into it, as a card. */
  'call:product': (
    p: CallProductPayload,
    ack: (r: Ack<{ message: CallMessageDto; duplicate: boolean }>) => void,
  ) => void;
  /** Sellers only: take calls or not. */
  'presence:set-available': (
    p: { available: boolean },
    ack: (r: Ack<{ presence: ShopPresence }>) => void,
  ) => void;
}

/** Messages the server pushes. */
export interface CallServerEvents {
  /** Sent once after the handshake: who this socket is. */
  'session:ready': (p: {
    userId: string;
    shopId?: string;
    available?: boolean;
    /**
     * Sellers: where `available` comes from. `devices`: the choice the seller made on their other
     * connected devices, which this one follows; `default`: this is their first connected
     * device, which starts available (a client may then restore a choice it remembers).
     */
    availabilityFrom?: 'default' | 'devices';
    activeCall: CallDto | null;
  }) => void;
  /** Rings every online device of the callee. */
  'call:incoming': (p: { call: CallDto }) => void;
  /** The callee accepted; sent to the caller's devices and the answering device. */
  'call:accepted': (p: CallBinding & { deviceId: string }) => void;
  /** Media flows both ways for the first time: the call is connected (`call.connectedAt`). */
  'call:connected': (p: { call: CallDto }) => void;
  /**
   * The call stopped ringing for this user only: `declined` on one of their devices while it
   * rings on for their colleagues (a customer's call ends `declined` once every staff member it
   * rings for declined, with `call:ended`). Sent to that staff member's devices.
   */
  'call:ring-stopped': (p: { callId: string; reason: 'declined' }) => void;
  /** Another device (or staff member) took the call: stop ringing. */
  'call:answered-elsewhere': (p: { callId: string; answeredBy: CallParty }) => void;
  /** The call reached a final status; sent to every device of both parties. */
  'call:ended': (p: { call: CallDto }) => void;
  'call:signal': (p: SignalMessage) => void;
  /** The other party's device dropped; the call waits `graceMs` for it to come back. */
  'call:peer-disconnected': (p: { callId: string; graceMs: number }) => void;
  /** The other party's device is back; `fresh`: with a new peer connection (see `call:resume`). */
  'call:peer-reconnected': (p: { callId: string; fresh: boolean }) => void;
  /**
   * The other bound device of a connected call reported its media stopped (`interrupted`) or
   * flowing again (`restored`); sent once per change, to this call's other device only.
   */
  'call:peer-connection': (p: PeerConnectionChange) => void;
  'presence:shop': (p: ShopPresence) => void;
  /** Sellers: their availability changed (set on any of their devices); sent to all their devices. */
  'presence:self': (p: { available: boolean }) => void;
  'presence:customer': (p: CustomerPresence) => void;
  'callback:updated': (p: { callback: CallbackRequestDto }) => void;
  /** A chat message or product card in a call; sent to every device of both parties. */
  'call:message': (p: { message: CallMessageDto }) => void;
  /** An appointment was booked, moved, cancelled or closed; sent to the customer and the shop's staff. */
  'appointment:updated': (p: AppointmentPush) => void;
  /** An appointment starts soon (the shop's reminder lead); sent to the customer and the shop's staff. */
  'appointment:reminder': (p: AppointmentPush) => void;
  /** Asynchronous error not tied to an acknowledgement. */
  error: (p: SocketError) => void;
}
