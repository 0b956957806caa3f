import { InjectionToken } from '@angular/core';

/**
 * Whether this browser can hold a video call at all: `supported`; `no-webrtc` when it has no
 * `RTCPeerConnection` (Debian's WebKitGTK is built without WebRTC, some embedded browsers
 * too); `no-camera-access` when it cannot open a camera or microphone on this page
 * (`navigator.mediaDevices` is missing: a plain-http page that is not `localhost`, or a very
 * old browser).
 */
export type VideoCallSupport = 'supported' | 'no-webrtc' | 'no-camera-access';

/** What {@link videoCallSupport} reads: `window`'s WebRTC constructor and `navigator.mediaDevices`. */
export interface VideoCallEnvironment {
  RTCPeerConnection?: unknown;
  navigator?: { mediaDevices?: { getUserMedia?: unknown } };
}

/** Pure: whether `env` (the browser's `window`) can hold a video call, and if not, why. */
export function videoCallSupport(env: VideoCallEnvironment): VideoCallSupport {
  if (typeof env.RTCPeerConnection !== 'function') return 'no-webrtc';
  if (typeof env.navigator?.mediaDevices?.getUserMedia !== 'function') return 'no-camera-access';
  return 'supported';
}

/** This browser's {@link VideoCallSupport}, decided once; a token so tests can pretend. */
export const VIDEO_CALL_SUPPORT = new InjectionToken<VideoCallSupport>('VIDEO_CALL_SUPPORT', {
  providedIn: 'root',
  factory: () => videoCallSupport(globalThis as VideoCallEnvironment),
});
