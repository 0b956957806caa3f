import type { CallQualitySample, CallType, SignalPayload } from '@callshop/contracts';

/** Where the media connection of the current call stands. */
export enum RtcConnectionState {
  Idle = 'idle',
  /** Asking for the camera and microphone. */
  AcquiringMedia = 'acquiring-media',
  MediaReady = 'media-ready',
  Connecting = 'connecting',
  Connected = 'connected',
  /** The connection dropped (or never came up in time); recovery is under way until it is back. */
  Reconnecting = 'reconnecting',
  Closed = 'closed',
}

/** How the call's media connection is set up. */
export interface RtcStartOptions {
  callId: string;
  type: CallType;
  /** The callee is polite (rolls back on glare); the caller is impolite and offers first. */
  polite: boolean;
  /** Relays one negotiation message to the other device. */
  send(signal: SignalPayload): void;
  /**
   * Tells the other device this side starts a new connection, so it starts one too
   * (`call:resume` with `fresh: true`); resolves whether it was told. Without it, recovery
   * only restarts ICE.
   */
  renew?(): Promise<boolean>;
  /** A quality sample to send to the server, about every 5 s while connected. */
  report?(sample: CallQualitySample): void;
}

/** The other side's mute / camera state as they last announced it. */
export interface RemoteMediaState {
  audio: boolean;
  video: boolean;
  /** The video shows a screen or window the other side shares, not its camera. */
  screen?: boolean;
}
