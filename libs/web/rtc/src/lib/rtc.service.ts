import { Injectable, OnDestroy, inject, signal } from '@angular/core';
import type { CallType, SignalPayload } from '@callshop/contracts';
import { acquireMedia, openDevice } from './local-media';
import { RtcMediaError, toMediaError } from './media-errors';
import { NegotiatingPeer } from './negotiating-peer';
import {
  ICE_DISCONNECTED_GRACE_MS,
  ICE_SERVERS_LOADER,
  MEDIA_DEVICES,
  MEDIA_STREAM_FACTORY,
  RECONNECT_POLICY,
  RTC_PEER_CONNECTION_FACTORY,
  RTC_TIMERS,
} from './rtc-tokens';

/** Where the media connection of the current call stands. */
export enum RtcConnectionState {
  Idle = 'idle',
  /** Asking for the camera and microphone. */
  AcquiringMedia = 'acquiring-media',
  MediaReady = 'media-ready',
  Connecting = 'connecting',
  Connected = 'connected',
  /** The connection dropped; ICE restarts are under way. */
  Reconnecting = 'reconnecting',
  /** Reconnecting gave up. */
  Failed = 'failed',
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
}

/** The other side's mute / camera state as they last announced it. */
export interface RemoteMediaState {
  audio: boolean;
  video: boolean;
}

/**
 * Owns WebRTC for one call at a time: the local camera and microphone, one peer connection
 * (perfect negotiation, early-signal buffering, ICE restarts) and the remote stream. Every way
 * a call can end goes through {@link close}, which stops all tracks, removes every listener
 * and closes the connection.
 */
@Injectable({ providedIn: 'root' })
export class RtcService implements OnDestroy {
  private readonly createPeerConnection = inject(RTC_PEER_CONNECTION_FACTORY);
  private readonly devices = inject(MEDIA_DEVICES);
  private readonly createStream = inject(MEDIA_STREAM_FACTORY);
  private readonly timers = inject(RTC_TIMERS);
  private readonly loadIceServers = inject(ICE_SERVERS_LOADER);
  private readonly reconnectPolicy = inject(RECONNECT_POLICY);
  private readonly disconnectedGraceMs = inject(ICE_DISCONNECTED_GRACE_MS);

  private readonly stateSignal = signal(RtcConnectionState.Idle);
  /** Connection state; changed only by {@link setState}. */
  readonly state = this.stateSignal.asReadonly();
  private readonly local = signal<MediaStream | null>(null);
  readonly localStream = this.local.asReadonly();
  private readonly remote = signal<MediaStream | null>(null);
  readonly remoteStream = this.remote.asReadonly();
  private readonly audioOnlySignal = signal(false);
  /** The call sends no video (no camera, or an audio call). */
  readonly audioOnly = this.audioOnlySignal.asReadonly();
  private readonly mic = signal(true);
  readonly micEnabled = this.mic.asReadonly();
  private readonly camera = signal(true);
  readonly cameraEnabled = this.camera.asReadonly();
  private readonly remoteMediaSignal = signal<RemoteMediaState>({ audio: true, video: true });
  readonly remoteMedia = this.remoteMediaSignal.asReadonly();
  private readonly mediaErrorSignal = signal<RtcMediaError | null>(null);
  readonly mediaError = this.mediaErrorSignal.asReadonly();

  private peer: NegotiatingPeer | null = null;
  private options: RtcStartOptions | null = null;
  private earlySignals: SignalPayload[] = [];
  private localTracksAttached = false;
  /** Bumped by {@link close}; async work started before it stops when it sees a new value. */
  private generation = 0;
  private readonly pendingTimers = new Set<unknown>();
  private outageStartedAt: number | null = null;
  private retryCount = 0;

  /**
   * Opens the camera and microphone. Call it from the user's click (Accept, Video Call) so the
   * browser lets the call play sound. A video call without a camera falls back to audio.
   */
  async prepareMedia(type: CallType): Promise<MediaStream> {
    const generation = this.generation;
    if (this.local()) return this.local() as MediaStream;
    this.mediaErrorSignal.set(null);
    this.setState(RtcConnectionState.AcquiringMedia);
    // Fetch (or refresh) the ICE servers while the browser opens the camera, not after.
    void this.loadIceServers().catch(() => undefined);
    try {
      const { stream, audioOnly } = await acquireMedia(this.devices, type);
      if (generation !== this.generation) {
        // The call ended while the browser was asking: release the devices at once.
        stream.getTracks().forEach((t) => t.stop());
        throw new RtcMediaError('unknown', 'The call ended.');
      }
      this.local.set(stream);
      this.audioOnlySignal.set(audioOnly || type === 'audio');
      this.mic.set(true);
      this.camera.set(!audioOnly && type === 'video');
      this.setState(RtcConnectionState.MediaReady);
      return stream;
    } catch (error) {
      const mapped = toMediaError(error);
      if (generation === this.generation) {
        this.mediaErrorSignal.set(mapped);
        this.setState(RtcConnectionState.Idle);
      }
      throw mapped;
    }
  }

  /** Creates the peer connection for an accepted call and starts negotiating. */
  async start(options: RtcStartOptions): Promise<void> {
    if (this.options?.callId === options.callId) return;
    if (this.peer) this.disposePeer();
    const generation = this.generation;
    this.options = options;
    this.setState(RtcConnectionState.Connecting);
    const ice = await this.loadIceServers();
    if (generation !== this.generation || this.options !== options) return;

    const pc = this.createPeerConnection({
      iceServers: ice.iceServers.map((s) => ({
        urls: s.urls,
        username: s.username,
        credential: s.credential,
      })),
      iceTransportPolicy: ice.relayOnly ? 'relay' : 'all',
    });
    this.peer = new NegotiatingPeer(pc, options.polite, {
      send: (signal) => this.options?.send(signal),
      track: (event) => this.onTrack(event),
      connectionState: (state) => this.onConnectionState(state),
      beforeAnswer: () => this.attachLocalTracks(),
      media: (state) => this.remoteMediaSignal.set(state),
      error: () => undefined,
    });
    // The impolite caller offers first; the polite callee adds its tracks when answering, so
    // they ride on the caller's transceivers instead of forcing a second negotiation.
    if (!options.polite) this.attachLocalTracks();
    const early = this.earlySignals;
    this.earlySignals = [];
    for (const signal of early) void this.peer.handle(signal);
  }

  /** A negotiation message from the other device. Held until the connection exists. */
  handleSignal(signal: SignalPayload): Promise<void> {
    if (!this.peer) {
      if (this.options || this.state() !== RtcConnectionState.Closed) this.earlySignals.push(signal);
      return Promise.resolve();
    }
    return this.peer.handle(signal);
  }

  /** Restarts ICE, e.g. after the signaling socket was re-bound to a new connection. */
  restartIce(): void {
    this.peer?.restartIce();
  }

  /**
   * The other device came back after a dropped socket: offers sent while it was away were
   * lost, so roll back an unanswered one and negotiate again with an ICE restart. `fresh`: it
   * came back as a new page with a new peer connection, so this side starts a new one too. The time
   * it was away does not count against reconnecting: the policy starts afresh (also after it
   * gave up meanwhile).
   */
  peerReturned(fresh = false): void {
    if (!this.peer) return;
    if (fresh) {
      this.replacePeer();
      return;
    }
    if (this.outageStartedAt !== null || this.state() === RtcConnectionState.Failed) {
      this.clearTimers();
      this.outageStartedAt = this.timers.now();
      this.retryCount = 0;
      this.setState(RtcConnectionState.Reconnecting);
      this.schedule(() => {
        const now = this.peer?.pc.connectionState;
        if (now && now !== 'connected' && now !== 'closed') this.retry();
      }, 5000);
    }
    void this.peer.renegotiate();
  }

  setMicEnabled(enabled: boolean): void {
    this.local()
      ?.getAudioTracks()
      .forEach((t) => (t.enabled = enabled));
    this.mic.set(enabled);
    this.announceMedia();
  }

  setCameraEnabled(enabled: boolean): void {
    const tracks = this.local()?.getVideoTracks() ?? [];
    if (!tracks.length) return;
    tracks.forEach((t) => (t.enabled = enabled));
    this.camera.set(enabled);
    this.announceMedia();
  }

  /** Cameras and microphones the user can switch between (labels once permission is given). */
  async listDevices(): Promise<MediaDeviceInfo[]> {
    if (!this.devices?.enumerateDevices) return [];
    const all = await this.devices.enumerateDevices();
    return all.filter((d) => d.kind === 'audioinput' || d.kind === 'videoinput');
  }

  /** Swaps the microphone or camera without renegotiating. */
  async switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    const stream = this.local();
    if (!stream) return;
    const generation = this.generation;
    const track = await openDevice(this.devices, kind, deviceId);
    if (generation !== this.generation) {
      track.stop();
      return;
    }
    const trackKind = kind === 'audioinput' ? 'audio' : 'video';
    const old = stream.getTracks().find((t) => t.kind === trackKind);
    track.enabled = trackKind === 'audio' ? this.mic() : this.camera();
    const sender = this.peer?.pc.getSenders().find((s) => s.track?.kind === trackKind);
    await sender?.replaceTrack(track);
    if (old) {
      stream.removeTrack(old);
      old.stop();
    }
    stream.addTrack(track);
  }

  /**
   * The one cleanup path for every way a call ends (hang-up, decline, cancel, remote end,
   * failure, logout): timers cleared, listeners removed, connection closed, every local and
   * remote track stopped. Idempotent.
   */
  close(): void {
    this.generation++;
    this.clearTimers();
    this.disposePeer();
    this.local()
      ?.getTracks()
      .forEach((t) => t.stop());
    this.remote()
      ?.getTracks()
      .forEach((t) => t.stop());
    this.local.set(null);
    this.remote.set(null);
    this.options = null;
    this.earlySignals = [];
    this.audioOnlySignal.set(false);
    this.mic.set(true);
    this.camera.set(true);
    this.remoteMediaSignal.set({ audio: true, video: true });
    this.outageStartedAt = null;
    this.retryCount = 0;
    this.setState(RtcConnectionState.Closed);
  }

  /** Forgets a closed call's state so the next one starts from idle. */
  reset(): void {
    if (this.state() === RtcConnectionState.Closed) this.setState(RtcConnectionState.Idle);
    this.mediaErrorSignal.set(null);
  }

  ngOnDestroy(): void {
    this.close();
  }

  private attachLocalTracks(): void {
    const pc = this.peer?.pc;
    if (!pc || this.localTracksAttached) return;
    this.localTracksAttached = true;
    const stream = this.local();
    const wanted: ('audio' | 'video')[] = this.options?.type === 'audio' ? ['audio'] : ['audio', 'video'];
    for (const kind of wanted) {
      const track = stream?.getTracks().find((t) => t.kind === kind);
      if (track && stream) pc.addTrack(track, stream);
      // Without a camera we still want to see the other side.
      else if (!this.options?.polite) pc.addTransceiver(kind, { direction: 'recvonly' });
    }
  }

  private onTrack(event: RTCTrackEvent): void {
    const stream = event.streams[0] ?? this.remote() ?? this.createStream([]);
    if (!stream.getTracks().includes(event.track)) stream.addTrack(event.track);
    if (this.remote() !== stream) this.remote.set(stream);
  }

  private onConnectionState(state: RTCPeerConnectionState): void {
    switch (state) {
      case 'connected':
        this.outageStartedAt = null;
        this.retryCount = 0;
        this.clearTimers();
        this.setState(RtcConnectionState.Connected);
        break;
      case 'disconnected':
        // Often recovers on its own within a few seconds; restart ICE if it does not.
        this.beginOutage();
        this.schedule(() => {
          if (this.peer?.pc.connectionState === 'disconnected') this.retry();
        }, this.disconnectedGraceMs);
        break;
      case 'failed':
        this.beginOutage();
        this.retry();
        break;
      default:
        break;
    }
  }

  private beginOutage(): void {
    if (this.outageStartedAt === null) this.outageStartedAt = this.timers.now();
    this.setState(RtcConnectionState.Reconnecting);
  }

  private retry(): void {
    const delay = this.reconnectPolicy.nextRetryDelayInMs({
      retryCount: this.retryCount,
      elapsedMs: this.timers.now() - (this.outageStartedAt ?? this.timers.now()),
    });
    if (delay === null) {
      this.setState(RtcConnectionState.Failed);
      return;
    }
    this.retryCount++;
    this.schedule(() => {
      this.peer?.restartIce();
      // If this restart does not bring the connection back either, try again per the policy.
      this.schedule(() => {
        const now = this.peer?.pc.connectionState;
        if (now && now !== 'connected' && now !== 'closed') this.retry();
      }, 5000);
    }, delay);
  }

  private schedule(fn: () => void, ms: number): void {
    const handle = this.timers.setTimeout(() => {
      this.pendingTimers.delete(handle);
      fn();
    }, ms);
    this.pendingTimers.add(handle);
  }

  private clearTimers(): void {
    for (const handle of this.pendingTimers) this.timers.clearTimeout(handle);
    this.pendingTimers.clear();
  }

  private announceMedia(): void {
    if (!this.peer) return;
    this.options?.send({ kind: 'media', audio: this.mic(), video: this.camera() && !this.audioOnly() });
  }

  private disposePeer(): void {
    this.peer?.close();
    this.peer = null;
    this.localTracksAttached = false;
  }

  /**
   * A new peer connection in the same role for the same call, the local tracks moved over:
   * the other end of the old one is gone (a reloaded page), and a new connection with a new
   * DTLS handshake is set up in a few hundred milliseconds, where renegotiating the old one
   * waited for ICE restarts to fail first.
   */
  private replacePeer(): void {
    const options = this.options;
    if (!options) return;
    this.clearTimers();
    this.outageStartedAt = null;
    this.retryCount = 0;
    this.disposePeer();
    this.remote()
      ?.getTracks()
      .forEach((t) => t.stop());
    this.remote.set(null);
    this.earlySignals = [];
    this.options = null;
    void this.start(options);
  }

  /** The single place the connection state changes. */
  private setState(next: RtcConnectionState): void {
    if (this.stateSignal() !== next) this.stateSignal.set(next);
  }
}
