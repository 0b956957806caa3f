import { InjectionToken, inject } from '@angular/core';
import type { IceServersResponse } from '@callshop/contracts';
import { ICE_SERVERS_CACHE } from './ice-servers-cache';

/** Creates peer connections; a token so unit tests can hand in a fake. */
export const RTC_PEER_CONNECTION_FACTORY = new InjectionToken<
  (config: RTCConfiguration) => RTCPeerConnection
>('RTC_PEER_CONNECTION_FACTORY', {
  providedIn: 'root',
  factory: () => (config) => new RTCPeerConnection(config),
});

/** The browser's media devices, or null where there are none (insecure context, old browser). */
export const MEDIA_DEVICES = new InjectionToken<MediaDevices | null>('MEDIA_DEVICES', {
  providedIn: 'root',
  factory: () => (typeof navigator !== 'undefined' && navigator.mediaDevices ? navigator.mediaDevices : null),
});

/** Builds a MediaStream from tracks (jsdom has none, so tests provide one). */
/** The Permissions API, to learn whether opening the camera and microphone would prompt (null: unknown). */
export const MEDIA_PERMISSIONS = new InjectionToken<Permissions | null>('MEDIA_PERMISSIONS', {
  providedIn: 'root',
  factory: () => (typeof navigator !== 'undefined' && navigator.permissions) || null,
});

export const MEDIA_STREAM_FACTORY = new InjectionToken<(tracks: MediaStreamTrack[]) => MediaStream>(
  'MEDIA_STREAM_FACTORY',
  { providedIn: 'root', factory: () => (tracks) => new MediaStream(tracks) },
);

/** Timers the RTC layer uses, overridable in tests. */
export interface RtcTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const RTC_TIMERS = new InjectionToken<RtcTimers>('RTC_TIMERS', {
  providedIn: 'root',
  factory: () => ({
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
  }),
});

/**
 * Loads the ICE servers for a call. Without them a call still works on one network. The
 * default keeps the last answer while it is fresh (TURN credentials: until 80 % of their
 * lifetime), so neither placing nor answering a call waits for the request.
 */
export const ICE_SERVERS_LOADER = new InjectionToken<() => Promise<IceServersResponse>>(
  'ICE_SERVERS_LOADER',
  { providedIn: 'root', factory: () => inject(ICE_SERVERS_CACHE).load },
);
