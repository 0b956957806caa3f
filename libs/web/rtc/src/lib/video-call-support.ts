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

/**
 * Why this browser cannot make a video call to `shopName`, as the call buttons say it under
 * themselves; null when it can. Pure and free of the call layer, so a page can show the same
 * note without loading it (the storefront's buttons for a visitor who is not signed in).
 */
export function videoSupportNote(support: VideoCallSupport, shopName: string): string | null {
  switch (support) {
    case 'no-webrtc':
      return `This browser can't make video calls. Call ${shopName} or request a callback, or use a current Chrome, Firefox, Edge or Safari for video.`;
    case 'no-camera-access':
      return "This page can't use your camera or microphone, so video calls are off. Call or request a callback instead.";
    default:
      return null;
  }
}
