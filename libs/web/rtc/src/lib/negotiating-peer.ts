import type { SignalPayload } from '@callshop/contracts';

/** What the peer needs from the layer above it. */
export interface NegotiatingPeerHooks {
  /** Relays a description or candidate to the other device (never logged). */
  send(signal: SignalPayload): void;
  track(event: RTCTrackEvent): void;
  connectionState(state: RTCPeerConnectionState): void;
  /** Called when the remote offer is set, just before answering (the polite side adds its tracks here). */
  beforeAnswer?(): void;
  /** A media-state message from the other device (mute, camera off). */
  media?(state: { audio: boolean; video: boolean; screen?: boolean }): void;
  /** A negotiation step failed; reported without SDP. */
  error?(step: string, error: unknown): void;
}

/**
 * An `RTCPeerConnection` driven by the W3C "perfect negotiation" pattern: either side may
 * (re)negotiate at any time; when both offer at once (glare) the impolite peer ignores the
 * other's offer and the polite one rolls its own back. Signals are handled strictly in order,
 * and candidates that arrive before the remote description are held until it is set.
 */
export class NegotiatingPeer {
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  private pendingCandidates: RTCIceCandidateInit[] = [];
  private queue: Promise<void> = Promise.resolve();
  private readonly listeners = new AbortController();
  private closed = false;

  constructor(
    readonly pc: RTCPeerConnection,
    readonly polite: boolean,
    private readonly hooks: NegotiatingPeerHooks,
  ) {
    const signal = this.listeners.signal;
    pc.addEventListener('negotiationneeded', () => void this.makeOffer(), { signal });
    pc.addEventListener(
      'icecandidate',
      (event: RTCPeerConnectionIceEvent) => {
        if (!event.candidate) return;
        const c = event.candidate.toJSON();
        hooks.send({
          kind: 'candidate',
          candidate: {
            candidate: c.candidate ?? '',
            sdpMid: c.sdpMid ?? null,
            sdpMLineIndex: c.sdpMLineIndex ?? null,
            usernameFragment: c.usernameFragment ?? null,
          },
        });
      },
      { signal },
    );
    pc.addEventListener('track', (event: RTCTrackEvent) => hooks.track(event), { signal });
    pc.addEventListener('connectionstatechange', () => hooks.connectionState(pc.connectionState), { signal });
  }

  /** Candidates waiting for the remote description (exposed for tests and diagnostics). */
  get bufferedCandidates(): number {
    return this.pendingCandidates.length;
  }

  /** Handles one message from the other device, after every earlier one. */
  handle(signal: SignalPayload): Promise<void> {
    this.queue = this.queue
      .then(() => this.process(signal))
      .catch((error) => this.hooks.error?.('signal', error));
    return this.queue;
  }

  /** Starts an ICE restart; the resulting `negotiationneeded` sends a fresh offer. */
  restartIce(): void {
    if (!this.closed) this.pc.restartIce();
  }

  /**
   * The other device is back (a new socket, or a new page with a new connection): an offer
   * still waiting for its answer was dropped while it was away, so roll it back, then restart
   * ICE so a fresh offer goes out. Runs in order with the signals.
   */
  renegotiate(): Promise<void> {
    this.queue = this.queue
      .then(async () => {
        if (this.closed) return;
        if (this.pc.signalingState === 'have-local-offer' && !this.makingOffer) {
          await this.pc.setLocalDescription({ type: 'rollback' });
        }
        if (!this.closed) this.pc.restartIce();
      })
      .catch((error) => this.hooks.error?.('renegotiate', error));
    return this.queue;
  }

  /** Removes every listener and closes the connection. Safe to call more than once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.abort();
    this.pendingCandidates = [];
    this.pc.close();
  }

  private async makeOffer(): Promise<void> {
    if (this.closed) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const local = this.pc.localDescription;
      if (local && !this.closed) this.sendDescription(local);
    } catch (error) {
      this.hooks.error?.('offer', error);
    } finally {
      this.makingOffer = false;
    }
  }

  private async process(signal: SignalPayload): Promise<void> {
    if (this.closed) return;
    if (signal.kind === 'media') {
      this.hooks.media?.({
        audio: signal.audio,
        video: signal.video,
        ...(signal.screen ? { screen: true } : {}),
      });
      return;
    }
    if (signal.kind === 'candidate') {
      if (!signal.candidate) return;
      const candidate: RTCIceCandidateInit = {
        candidate: signal.candidate.candidate,
        sdpMid: signal.candidate.sdpMid ?? null,
        sdpMLineIndex: signal.candidate.sdpMLineIndex ?? null,
        usernameFragment: signal.candidate.usernameFragment ?? null,
      };
      if (!this.pc.remoteDescription) {
        this.pendingCandidates.push(candidate);
        return;
      }
      await this.addCandidate(candidate);
      return;
    }

    const description = signal.description as RTCSessionDescriptionInit;
    const readyForOffer =
      !this.makingOffer && (this.pc.signalingState === 'stable' || this.settingRemoteAnswer);
    const offerCollision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.polite && offerCollision;
    if (this.ignoreOffer) return;

    if (offerCollision && this.pc.signalingState === 'have-local-offer') {
      // Glare on the polite side: drop our own offer and take theirs.
      await this.pc.setLocalDescription({ type: 'rollback' });
    }
    this.settingRemoteAnswer = description.type === 'answer';
    try {
      await this.pc.setRemoteDescription(description);
    } finally {
      this.settingRemoteAnswer = false;
    }
    await this.flushCandidates();
    if (description.type === 'offer') {
      this.hooks.beforeAnswer?.();
      await this.pc.setLocalDescription();
      const local = this.pc.localDescription;
      if (local && !this.closed) this.sendDescription(local);
    }
  }

  private async flushCandidates(): Promise<void> {
    const pending = this.pendingCandidates;
    this.pendingCandidates = [];
    for (const candidate of pending) await this.addCandidate(candidate);
  }

  private async addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      // Candidates for an offer we ignored are expected to fail.
      if (!this.ignoreOffer) this.hooks.error?.('candidate', error);
    }
  }

  private sendDescription(description: RTCSessionDescription | RTCSessionDescriptionInit): void {
    this.hooks.send({
      kind: 'description',
      description: { type: description.type as 'offer' | 'answer', sdp: description.sdp },
    });
  }
}
