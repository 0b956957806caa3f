import type { Signal } from '@angular/core';

/** What browser tests may read of the current call's media (see docs/web-client.md). */
export interface RtcDebugHandle {
  /** The call's current peer connection (recovery may replace it), for `getStats()`. */
  peerConnection(): RTCPeerConnection | null;
  /** The other side's media reaches this device, as reported to the server. */
  flowing: Signal<boolean>;
}

interface TestWindow {
  /** Set by a test's init script; nothing is published without it. */
  __CALLSHOP_TEST__?: boolean;
  __callshopRtc?: RtcDebugHandle;
}

/**
 * Publishes a read-only handle to the current call's media as `window.__callshopRtc`, only
 * when a test set `window.__CALLSHOP_TEST__ = true` before the app loaded.
 */
export function publishDebugHandle(handle: RtcDebugHandle): void {
  const w = (typeof window !== 'undefined' ? window : undefined) as (Window & TestWindow) | undefined;
  if (!w?.__CALLSHOP_TEST__ || w.__callshopRtc) return;
  Object.defineProperty(w, '__callshopRtc', { value: Object.freeze({ ...handle }), configurable: true });
}
