import { Injectable, OnDestroy, inject, signal } from '@angular/core';
import type { CallType, SignalPayload } from '@callshop/contracts';
import { CallConnection } from './call-connection';
import { CALL_STATS_CONFIG } from './call-stats-monitor';
import { ConnectionRecovery } from './connection-recovery';
import { IncomingMedia } from './incoming-media';
import { LocalMedia, MediaPermissions } from './local-media';
import { RtcMediaError, toMediaError } from './media-errors';
import { CONNECT_TIMEOUT_MS, ICE_DISCONNECTED_GRACE_MS, RECOVERY_POLICY } from './recovery-policy';
import { publishDebugHandle } from './rtc-debug-handle';
import { RtcConnectionState, type RtcStartOptions } from './rtc-state';
import {
  ICE_SERVERS_LOADER,
  MEDIA_DEVICES,
  MEDIA_PERMISSIONS,
  MEDIA_STREAM_FACTORY,
  RTC_PEER_CONNECTION_FACTORY,
  RTC_TIMERS,
} from './rtc-tokens';

/**
 * Owns WebRTC for one call at a time: the local camera and microphone ({@link LocalMedia}),
 * one peer connection ({@link CallConnection}: perfect negotiation, statistics, how much video
 * to send), early-signal buffering, and recovery when the connection drops
 * ({@link ConnectionRecovery}: ICE restarts, then new connections, never giving up: the
 * server ends a call whose media does not come back). Every way a call can end goes through
 * {@link close}, which stops all tracks, timers and listeners and closes the connection.
 */
@Injectable({ providedIn: 'root' })
export class RtcService implements OnDestroy {
  private readonly createPeerConnection = inject(RTC_PEER_CONNECTION_FACTORY);
  private readonly timers = inject(RTC_TIMERS);
  private readonly loadIceServers = inject(ICE_SERVERS_LOADER);
  private readonly recoveryPolicy = inject(RECOVERY_POLICY);
  private readonly disconnectedGraceMs = inject(ICE_DISCONNECTED_GRACE_MS);
  private readonly connectTimeoutMs = inject(CONNECT_TIMEOUT_MS);
  private readonly statsConfig = inject(CALL_STATS_CONFIG);
  private readonly media = new LocalMedia(inject(MEDIA_DEVICES));
  private readonly permissions = new MediaPermissions(inject(MEDIA_PERMISSIONS));
  /** The camera and microphone being opened, while they are; a new connection waits for them. */
  private opening: Promise<unknown> | null = null;
  private readonly incoming = new IncomingMedia(inject(MEDIA_STREAM_FACTORY));

  private readonly stateSignal = signal(RtcConnectionState.Idle);
  /** Connection state; changed only by {@link setState}. */
  readonly state = this.stateSignal.asReadonly();
  readonly localStream = this.media.stream;
  readonly remoteStream = this.incoming.stream;
  /** The call sends no video (no camera, or an audio call). */
  readonly audioOnly = this.media.audioOnly;
  readonly micEnabled = this.media.micEnabled;
  readonly cameraEnabled = this.media.cameraEnabled;
  /** The camera's `facingMode` when known (`user`, `environment`). */
  readonly cameraFacing = this.media.facing;
  /** The screen or window this side shares instead of its camera, while it does. */
  readonly sharedScreen = this.media.screen;
  /** The other side's mute / camera state as they last announced it. */
  readonly remoteMedia = this.incoming.announced;
  private readonly mediaErrorSignal = signal<RtcMediaError | null>(null);
  readonly mediaError = this.mediaErrorSignal.asReadonly();
  /** The other side's media reaches this device (frames decoded, audio arriving). */
  readonly incomingFlowing = this.incoming.flowing;
  /** The connection as this device receives it: good, fair or poor, and why. */
  readonly quality = this.incoming.quality;
  /** Poor for a while even after sending less video: switching to audio only may help. */
  readonly offerAudioOnly = this.incoming.offerAudioOnly;
  private readonly audioOnlyModeSignal = signal(false);
  /** The user switched this video call to audio only: no video sent, the other side's not shown. */
  readonly audioOnlyMode = this.audioOnlyModeSignal.asReadonly();

  private connection: CallConnection | null = null;
  private recovery: ConnectionRecovery | null = null;
  private options: RtcStartOptions | null = null;
  private earlySignals: SignalPayload[] = [];
  /** Bumped by {@link close}; async work started before it stops when it sees a new value. */
  private generation = 0;

  /**
   * Opens the camera and microphone. Call it from the user's click (Accept, Video Call) so the
   * browser lets the call play sound. A video call without a camera falls back to audio.
   */
  async prepareMedia(type: CallType): Promise<MediaStream> {
    const generation = this.generation;
    if (this.localStream()) return this.localStream() as MediaStream;
    this.mediaErrorSignal.set(null);
    this.setState(RtcConnectionState.AcquiringMedia);
    // Fetch (or refresh) the ICE servers while the browser opens the camera, not after.
    void this.loadIceServers().catch(() => undefined);
    const opening = this.media.open(type, () => generation === this.generation);
    this.opening = opening;
    try {
      const stream = await opening;
      this.setState(RtcConnectionState.MediaReady);
      return stream;
    } catch (error) {
      const mapped = toMediaError(error);
      if (generation === this.generation) {
        this.mediaErrorSignal.set(mapped);
        this.setState(RtcConnectionState.Idle);
      }
      throw mapped;
    } finally {
      if (this.opening === opening) this.opening = null;
    }
  }

  /**
   * Whether {@link prepareMedia} for `type` will open without asking the user (already
   * allowed): then a call can ring, or be answered, while the devices open.
   */
  mediaAllowedWithoutPrompt(type: CallType): boolean {
    return this.permissions.allowedWithoutPrompt(type);
  }

  /** Creates the peer connection for a call and starts negotiating. */
  async start(options: RtcStartOptions): Promise<void> {
    if (this.options?.callId === options.callId) return;
    this.disposeConnection();
    this.recovery?.stop();
    this.options = options;
    const { timers, disconnectedGraceMs, connectTimeoutMs } = this;
    this.recovery = new ConnectionRecovery(
      { timers, policy: this.recoveryPolicy, polite: options.polite, disconnectedGraceMs, connectTimeoutMs },
      {
        restartIce: () => this.connection?.peer.restartIce(),
        newConnection: () => void this.renewConnection(),
        isConnected: () => this.connection?.connected === true,
        outage: (active) => {
          if (active) this.setState(RtcConnectionState.Reconnecting);
          else if (this.connection?.connected) this.setState(RtcConnectionState.Connected);
        },
      },
    );
    this.setState(RtcConnectionState.Connecting);
    await this.connect(options);
  }

  /** A negotiation message from the other device. Held until the connection exists. */
  handleSignal(signal: SignalPayload): Promise<void> {
    if (!this.connection) {
      if (this.options || this.state() !== RtcConnectionState.Closed) this.earlySignals.push(signal);
      return Promise.resolve();
    }
    return this.connection.peer.handle(signal);
  }

  /** Restarts ICE, e.g. after the signaling socket was re-bound to a new connection. */
  restartIce(): void {
    this.connection?.peer.restartIce();
  }

  /** The call was answered: if its media does not connect in time, recovery starts. */
  expectConnection(): void {
    this.recovery?.expect();
  }

  /** The other device dropped: nothing this side tries can reach it until it is back. */
  peerLeft(): void {
    this.recovery?.suspend();
  }

  /**
   * The other device came back after a dropped socket: offers sent while it was away were
   * lost, so roll back an unanswered one and negotiate again with an ICE restart; recovery
   * starts afresh (the time it was away does not count). `fresh`: it came back as a new page
   * with a new peer connection, so this side starts a new one too.
   */
  peerReturned(fresh = false): void {
    if (fresh) {
      if (!this.options) return;
      this.recovery?.stop();
      this.replaceConnection();
      this.setState(RtcConnectionState.Connecting);
      this.recovery?.expect();
      return;
    }
    if (!this.connection) return;
    if (this.recovery?.recovering) this.recovery.restart(5000);
    void this.connection.peer.renegotiate();
  }

  setMicEnabled(enabled: boolean): void {
    this.media.setMic(enabled);
    this.announceMedia();
  }

  setCameraEnabled(enabled: boolean): void {
    if (this.media.setCamera(enabled)) this.announceMedia();
  }

  /**
   * Audio only for a video call on a poor connection: the camera goes off (the other side is
   * told, as with "Turn camera off"), the video sender stops sending, and the other side's
   * video is not shown. Off again: camera and video back.
   */
  setAudioOnlyMode(on: boolean): void {
    if (this.audioOnly() && on) return;
    this.audioOnlyModeSignal.set(on);
    this.setCameraEnabled(!on);
    if (on) this.incoming.withdrawOffer();
    void this.connection?.refreshSenders();
  }

  /** Cameras and microphones the user can switch between (labels once permission is given). */
  listDevices(): Promise<MediaDeviceInfo[]> {
    return this.media.listDevices();
  }

  /** Swaps the microphone or camera without renegotiating. */
  switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    const generation = this.generation;
    return this.media.switchDevice(
      kind,
      deviceId,
      () => generation === this.generation,
      () => this.connection?.pc.getSenders() ?? [],
    );
  }

  /** Whether this browser can share a screen or window (desktop browsers; not phones). */
  canShareScreen(): boolean {
    return this.media.canShareScreen();
  }

  /**
   * Shares a screen or window the user picks instead of the camera, on the same connection;
   * the other side is told (`media` with `screen: true`). False when the user cancels.
   */
  async shareScreen(): Promise<boolean> {
    const generation = this.generation;
    const shared = await this.media.shareScreen(
      () => generation === this.generation,
      () => this.connection?.pc.getSenders() ?? [],
      () => void this.stopScreenShare(), // the browser's own "Stop sharing"
    );
    if (shared) this.announceMedia();
    return shared;
  }

  /** Back to the camera. */
  async stopScreenShare(): Promise<void> {
    if (!this.sharedScreen()) return;
    await this.media.stopScreenShare(() => this.connection?.pc.getSenders() ?? []);
    this.announceMedia();
  }

  /** Switches to the next camera (front / back) without renegotiating; false with a single camera. */
  switchCamera(): Promise<boolean> {
    const generation = this.generation;
    return this.media.switchCamera(
      () => generation === this.generation,
      () => this.connection?.pc.getSenders() ?? [],
    );
  }

  /**
   * The one cleanup path for every way a call ends (hang-up, decline, cancel, remote end,
   * failure, logout): timers cleared, listeners removed, connection closed, every local and
   * remote track stopped. Idempotent.
   */
  close(): void {
    this.generation++;
    this.recovery?.stop();
    this.recovery = null;
    this.disposeConnection();
    this.media.release();
    this.incoming.reset();
    this.options = null;
    this.earlySignals = [];
    this.audioOnlyModeSignal.set(false);
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

  /** Creates the peer connection (once the ICE servers are known) and hands it what was held. */
  private async connect(options: RtcStartOptions): Promise<void> {
    const generation = this.generation;
    // The answering side may go live while its camera still opens: its answer must carry it.
    const [ice] = await Promise.all([this.loadIceServers(), this.opening?.catch(() => undefined)]);
    if (generation !== this.generation || this.options !== options || this.connection) return;
    const pc = this.createPeerConnection({
      iceServers: ice.iceServers.map((s) => ({
        urls: s.urls,
        username: s.username,
        credential: s.credential,
      })),
      iceTransportPolicy: ice.relayOnly ? 'relay' : 'all',
    });
    this.connection = new CallConnection(pc, {
      polite: options.polite,
      type: options.type,
      local: () => this.localStream(),
      timers: this.timers,
      stats: this.statsConfig,
      hooks: {
        send: (signal) => this.options?.send(signal),
        track: (event) => this.incoming.addTrack(event),
        connectionState: (state) => this.onConnectionState(state),
        media: (state) => this.incoming.announce(state),
        error: () => undefined,
        flowing: (flowing) => this.incoming.setFlowing(flowing),
        assessed: (assessment, offer) =>
          this.incoming.assessed(assessment, offer && !this.audioOnlyMode() && !this.audioOnly()),
        report: (sample) => this.options?.report?.(sample),
        context: () => ({
          video: options.type === 'video' && this.remoteMedia().video && !this.audioOnlyMode(),
          videoPaused: this.audioOnlyMode(),
        }),
      },
    });
    publishDebugHandle({ peerConnection: () => this.connection?.pc ?? null, flowing: this.incomingFlowing });
    // A new connection took the camera's track: go on sending the shared screen.
    if (this.sharedScreen()) void this.media.resendScreen(() => this.connection?.pc.getSenders() ?? []);
    const early = this.earlySignals;
    this.earlySignals = [];
    for (const signal of early) void this.connection.peer.handle(signal);
  }

  private onConnectionState(state: RTCPeerConnectionState): void {
    if (state === 'connected') {
      this.setState(RtcConnectionState.Connected);
      // A new connection (or a reloaded page at the other end) starts from "all on": say otherwise.
      if (!this.micEnabled() || (!this.cameraEnabled() && !this.audioOnly())) this.announceMedia();
    }
    this.recovery?.onState(state);
  }

  /**
   * Recovery's bigger step: the other device is told to start a new connection too
   * (`renew`), then this side replaces its own in the same role. Not told (no signaling
   * right now): nothing changes, and recovery tries again later.
   */
  private async renewConnection(): Promise<void> {
    const options = this.options;
    if (!options?.renew) {
      this.restartIce();
      return;
    }
    const generation = this.generation;
    const told = await options.renew();
    if (told && generation === this.generation && this.options === options) this.replaceConnection();
  }

  private announceMedia(): void {
    if (!this.connection) return;
    const screen = this.sharedScreen() !== null;
    this.options?.send({
      kind: 'media',
      audio: this.micEnabled(),
      video: (screen || this.cameraEnabled()) && !this.audioOnly(),
      ...(screen ? { screen } : {}),
    });
  }

  private disposeConnection(): void {
    this.connection?.close();
    this.connection = null;
    this.incoming.clear({ stream: false });
  }

  /**
   * A new peer connection in the same role for the same call, the local tracks moved over:
   * the other end of the old one is gone (a reloaded page) or it would not come back, and a
   * new connection with a new DTLS handshake is set up in a few hundred milliseconds, where
   * renegotiating the old one waited for ICE restarts to fail first.
   */
  private replaceConnection(): void {
    const options = this.options;
    if (!options) return;
    this.disposeConnection();
    this.incoming.clear({ stream: true });
    this.earlySignals = [];
    void this.connect(options);
  }

  /** The single place the connection state changes. */
  private setState(next: RtcConnectionState): void {
    if (this.stateSignal() !== next) this.stateSignal.set(next);
  }
}
