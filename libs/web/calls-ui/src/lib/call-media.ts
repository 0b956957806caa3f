import type { Signal } from '@angular/core';
import type { QualityAssessment, RemoteMediaState, RtcService } from '@callshop/web/rtc';

/**
 * The part of the call's media the views read and change: streams, mute and camera state,
 * device switching. Negotiation and the connection's life stay behind {@link CallManager}.
 */
export interface CallMedia {
  readonly localStream: Signal<MediaStream | null>;
  readonly remoteStream: Signal<MediaStream | null>;
  /** The call sends no video (no camera, or an audio call). */
  readonly audioOnly: Signal<boolean>;
  readonly micEnabled: Signal<boolean>;
  readonly cameraEnabled: Signal<boolean>;
  /** The camera's `facingMode` when known (`user`, `environment`): only `user` is mirrored. */
  readonly cameraFacing: Signal<string | null>;
  /** The other side's mute / camera state as they last announced it. */
  readonly remoteMedia: Signal<RemoteMediaState>;
  /** The connection as this device receives it (good / fair / poor and why); null while unknown. */
  readonly quality: Signal<QualityAssessment | null>;
  /** Poor for a while even after sending less video: offer "Switch to audio only". */
  readonly offerAudioOnly: Signal<boolean>;
  /** Switched to audio only: no video sent, the other side's not shown. */
  readonly audioOnlyMode: Signal<boolean>;
  setMicEnabled(enabled: boolean): void;
  setCameraEnabled(enabled: boolean): void;
  setAudioOnlyMode(on: boolean): void;
  /** Cameras and microphones the user can switch between. */
  listDevices(): Promise<MediaDeviceInfo[]>;
  switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void>;
  /** The next camera (front / back); false with a single camera. */
  switchCamera(): Promise<boolean>;
  /** The screen or window shared instead of the camera, while it is. */
  readonly sharedScreen: Signal<MediaStream | null>;
  /** Whether this browser can share a screen (desktop browsers). */
  canShareScreen(): boolean;
  /** Shares a screen or window instead of the camera; false when the user cancels. */
  shareScreen(): Promise<boolean>;
  stopScreenShare(): Promise<void>;
}

/** {@link CallMedia} over the call's {@link RtcService}. */
export function callMediaOf(rtc: RtcService): CallMedia {
  return {
    localStream: rtc.localStream,
    remoteStream: rtc.remoteStream,
    audioOnly: rtc.audioOnly,
    micEnabled: rtc.micEnabled,
    cameraEnabled: rtc.cameraEnabled,
    cameraFacing: rtc.cameraFacing,
    remoteMedia: rtc.remoteMedia,
    quality: rtc.quality,
    offerAudioOnly: rtc.offerAudioOnly,
    audioOnlyMode: rtc.audioOnlyMode,
    setMicEnabled: (enabled) => rtc.setMicEnabled(enabled),
    setCameraEnabled: (enabled) => rtc.setCameraEnabled(enabled),
    setAudioOnlyMode: (on) => rtc.setAudioOnlyMode(on),
    listDevices: () => rtc.listDevices(),
    switchDevice: (kind, deviceId) => rtc.switchDevice(kind, deviceId),
    switchCamera: () => rtc.switchCamera(),
    sharedScreen: rtc.sharedScreen,
    canShareScreen: () => rtc.canShareScreen(),
    shareScreen: () => rtc.shareScreen(),
    stopScreenShare: () => rtc.stopScreenShare(),
  };
}
