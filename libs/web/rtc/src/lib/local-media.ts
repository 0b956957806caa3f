import { signal } from '@angular/core';
import type { CallType } from '@callshop/contracts';
import { RtcMediaError, toMediaError } from './media-errors';

/** The camera and microphone a call sends. */
export interface AcquiredMedia {
  stream: MediaStream;
  /** A video call fell back to audio (no camera, or the camera is busy). */
  audioOnly: boolean;
}

const VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  facingMode: 'user',
};

/**
 * Asks for the camera and microphone: both for a video call, falling back to the microphone
 * alone when there is no usable camera. A refusal is never retried (the browser would not ask
 * again anyway), it is reported as `permission-denied`.
 */
export async function acquireMedia(devices: MediaDevices | null, type: CallType): Promise<AcquiredMedia> {
  if (!devices?.getUserMedia) {
    throw new RtcMediaError('unsupported', 'This browser cannot use the camera or microphone here.');
  }
  if (type === 'video') {
    try {
      return {
        stream: await devices.getUserMedia({ audio: true, video: VIDEO_CONSTRAINTS }),
        audioOnly: false,
      };
    } catch (error) {
      const mapped = toMediaError(error);
      if (mapped.kind === 'permission-denied' || mapped.kind === 'unsupported') throw mapped;
      // No camera or a busy one: a voice call is better than none.
    }
  }
  try {
    return { stream: await devices.getUserMedia({ audio: true, video: false }), audioOnly: type === 'video' };
  } catch (error) {
    throw toMediaError(error);
  }
}

/**
 * Whether opening what a call of `type` needs (the microphone, and the camera for video) will
 * not ask the user, known ahead: the states are asked for once and followed as they change,
 * so a click can decide at once (asking at the click costs a turn of a busy page). Unknown
 * counts as "would ask": it may prompt, was refused, or the browser cannot say (older Firefox
 * and Safari refuse to query `camera`).
 */
export class MediaPermissions {
  private readonly states: Partial<Record<'camera' | 'microphone', PermissionState>> = {};

  constructor(permissions: Pick<Permissions, 'query'> | null) {
    for (const name of ['camera', 'microphone'] as const) {
      permissions
        ?.query({ name: name as PermissionName })
        .then((status) => {
          this.states[name] = status.state;
          status.addEventListener?.('change', () => (this.states[name] = status.state));
        })
        .catch(() => undefined);
    }
  }

  allowedWithoutPrompt(type: CallType): boolean {
    const needed = type === 'video' ? (['camera', 'microphone'] as const) : (['microphone'] as const);
    return needed.every((name) => this.states[name] === 'granted');
  }
}

/** Opens one specific device, for switching camera or microphone during a call. */
export async function openDevice(
  devices: MediaDevices | null,
  kind: 'audioinput' | 'videoinput',
  deviceId: string,
): Promise<MediaStreamTrack> {
  if (!devices)
    throw new RtcMediaError('unsupported', 'This browser cannot use the camera or microphone here.');
  try {
    const constraints: MediaStreamConstraints =
      kind === 'audioinput'
        ? { audio: { deviceId: { exact: deviceId } } }
        : { video: { ...VIDEO_CONSTRAINTS, deviceId: { exact: deviceId } } };
    const stream = await devices.getUserMedia(constraints);
    const track = stream.getTracks()[0];
    if (!track) throw new RtcMediaError('no-device', 'That device gave no signal.');
    return track;
  } catch (error) {
    throw toMediaError(error);
  }
}

/**
 * The camera after `currentId` in `cameras`, wrapping round (front, back, front… on a phone;
 * the first one when the current one is unknown); null with fewer than two cameras.
 */
export function nextCamera(
  cameras: readonly Pick<MediaDeviceInfo, 'deviceId' | 'kind'>[],
  currentId: string | undefined,
): string | null {
  const ids = cameras.filter((d) => d.kind === 'videoinput' && d.deviceId).map((d) => d.deviceId);
  if (ids.length < 2) return null;
  const at = currentId ? ids.indexOf(currentId) : -1;
  return ids[(at + 1) % ids.length];
}

/** Which way a camera track faces, when the browser says (phones do; desktop webcams rarely). */
function facingOf(track: MediaStreamTrack | undefined): string | null {
  return track?.getSettings?.().facingMode ?? null;
}

/**
 * The call's own camera and microphone: the stream, whether the call sends video at all,
 * mute and camera-off, and switching devices. Part of the RTC service.
 */
export class LocalMedia {
  private readonly streamSignal = signal<MediaStream | null>(null);
  readonly stream = this.streamSignal.asReadonly();
  private readonly audioOnlySignal = signal(false);
  /** The call sends no video (no camera, or an audio call). */
  readonly audioOnly = this.audioOnlySignal.asReadonly();
  private readonly mic = signal(true);
  readonly micEnabled = this.mic.asReadonly();
  private readonly camera = signal(true);
  readonly cameraEnabled = this.camera.asReadonly();
  private readonly facingSignal = signal<string | null>(null);
  /** The camera's `facingMode` (`user`, `environment`) when known: the self view mirrors only `user`. */
  readonly facing = this.facingSignal.asReadonly();
  private readonly screenSignal = signal<MediaStream | null>(null);
  /** The screen or window shared instead of the camera, while it is. */
  readonly screen = this.screenSignal.asReadonly();

  constructor(private readonly devices: MediaDevices | null) {}

  /** Opens them for a call of `type`; when the call is no longer `wanted` by then, releases them and throws. */
  async open(type: CallType, wanted: () => boolean): Promise<MediaStream> {
    const { stream, audioOnly } = await acquireMedia(this.devices, type);
    if (!wanted()) {
      // The call ended while the browser was asking: release the devices at once.
      stream.getTracks().forEach((t) => t.stop());
      throw new RtcMediaError('unknown', 'The call ended.');
    }
    this.streamSignal.set(stream);
    this.audioOnlySignal.set(audioOnly || type === 'audio');
    this.mic.set(true);
    this.camera.set(!audioOnly && type === 'video');
    this.facingSignal.set(facingOf(stream.getVideoTracks()[0]));
    return stream;
  }

  setMic(enabled: boolean): void {
    this.stream()
      ?.getAudioTracks()
      .forEach((t) => (t.enabled = enabled));
    this.mic.set(enabled);
  }

  /** Turns the camera on or off; false when there is none. */
  setCamera(enabled: boolean): boolean {
    const tracks = this.stream()?.getVideoTracks() ?? [];
    if (!tracks.length) return false;
    tracks.forEach((t) => (t.enabled = enabled));
    this.camera.set(enabled);
    return true;
  }

  /** Cameras and microphones the user can switch between (labels once permission is given). */
  async listDevices(): Promise<MediaDeviceInfo[]> {
    if (!this.devices?.enumerateDevices) return [];
    const all = await this.devices.enumerateDevices();
    return all.filter((d) => d.kind === 'audioinput' || d.kind === 'videoinput');
  }

  /** Swaps the microphone or camera on the `senders` (`replaceTrack`: no renegotiation). */
  async switchDevice(
    kind: 'audioinput' | 'videoinput',
    deviceId: string,
    wanted: () => boolean,
    senders: () => RTCRtpSender[],
  ): Promise<void> {
    const stream = this.stream();
    if (!stream) return;
    const trackKind = kind === 'audioinput' ? 'audio' : 'video';
    const old = stream.getTracks().find((t) => t.kind === trackKind);
    let track: MediaStreamTrack;
    try {
      track = await openDevice(this.devices, kind, deviceId);
    } catch (error) {
      // Many phones open one camera at a time: let go of the current one and try again.
      if (!(error instanceof RtcMediaError) || error.kind !== 'device-in-use' || !old) throw error;
      old.stop();
      track = await openDevice(this.devices, kind, deviceId);
    }
    if (!wanted()) {
      track.stop();
      return;
    }
    track.enabled = trackKind === 'audio' ? this.mic() : this.camera();
    await senders()
      .find((s) => s.track?.kind === trackKind)
      ?.replaceTrack(track);
    if (old) {
      stream.removeTrack(old);
      old.stop();
    }
    stream.addTrack(track);
    if (trackKind === 'video') this.facingSignal.set(facingOf(track));
  }

  /**
   * Switches to the next camera (front / back on a phone), `replaceTrack` on the sender as in
   * {@link switchDevice}; false when there is only one camera (or none).
   */
  async switchCamera(wanted: () => boolean, senders: () => RTCRtpSender[]): Promise<boolean> {
    const current = this.stream()?.getVideoTracks()[0]?.getSettings?.().deviceId;
    const next = nextCamera(await this.listDevices(), current);
    if (!next) return false;
    await this.switchDevice('videoinput', next, wanted, senders);
    return true;
  }

  /** Whether this browser can share a screen or window (desktop browsers; not phones). */
  canShareScreen(): boolean {
    return typeof this.devices?.getDisplayMedia === 'function';
  }

  /**
   * Sends a screen or window the user picks instead of the camera (`replaceTrack`: no
   * renegotiation); the camera stays open, so switching back is instant. When the browser's
   * own "Stop sharing" ends it, `ended` runs. False when the user cancels the picker.
   */
  async shareScreen(
    wanted: () => boolean,
    senders: () => RTCRtpSender[],
    ended: () => void,
  ): Promise<boolean> {
    if (!this.devices?.getDisplayMedia || this.audioOnly() || this.screen()) return false;
    let screen: MediaStream;
    try {
      screen = await this.devices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
    } catch (error) {
      const mapped = toMediaError(error);
      if (mapped.kind === 'permission-denied') return false; // the picker was cancelled
      throw mapped;
    }
    const track = screen.getVideoTracks()[0];
    if (!track || !wanted()) {
      screen.getTracks().forEach((t) => t.stop());
      return false;
    }
    track.contentHint = 'detail';
    track.addEventListener('ended', () => {
      if (this.screen() === screen) ended();
    });
    this.screenSignal.set(screen);
    await this.sendVideo(track, senders);
    return true;
  }

  /** Back to the camera after sharing a screen. */
  async stopScreenShare(senders: () => RTCRtpSender[]): Promise<void> {
    const screen = this.screen();
    if (!screen) return;
    this.screenSignal.set(null);
    await this.sendVideo(this.stream()?.getVideoTracks()[0] ?? null, senders);
    screen.getTracks().forEach((t) => t.stop());
  }

  /** A new connection took the camera's track: it sends the shared screen again instead. */
  async resendScreen(senders: () => RTCRtpSender[]): Promise<void> {
    const track = this.screen()?.getVideoTracks()[0];
    if (track) await this.sendVideo(track, senders);
  }

  private async sendVideo(track: MediaStreamTrack | null, senders: () => RTCRtpSender[]): Promise<void> {
    await senders()
      .find((s) => s.track?.kind === 'video')
      ?.replaceTrack(track);
  }

  /** Stops every track and forgets them. */
  release(): void {
    this.screen()
      ?.getTracks()
      .forEach((t) => t.stop());
    this.screenSignal.set(null);
    this.stream()
      ?.getTracks()
      .forEach((t) => t.stop());
    this.streamSignal.set(null);
    this.audioOnlySignal.set(false);
    this.mic.set(true);
    this.camera.set(true);
    this.facingSignal.set(null);
  }
}
