/* Test doubles for the browser's WebRTC and media APIs (jsdom has none). */
import type { RtcTimers } from '../rtc-tokens';
import { type StatsEntry, type StatsFixture, statsEntries } from './stats-fixtures';

export class FakeTrack extends EventTarget {
  enabled = true;
  stopped = false;
  contentHint = '';
  constructor(
    readonly kind: 'audio' | 'video',
    readonly id = `${kind}-${Math.random().toString(36).slice(2, 8)}`,
  ) {
    super();
  }
  stop() {
    this.stopped = true;
  }
}

export class FakeStream {
  constructor(private tracks: FakeTrack[] = []) {}
  getTracks() {
    return [...this.tracks];
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  addTrack(t: FakeTrack) {
    this.tracks.push(t);
  }
  removeTrack(t: FakeTrack) {
    this.tracks = this.tracks.filter((x) => x !== t);
  }
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** An RTCRtpSender: its track and the send parameters `setParameters` last took. */
export class FakeSender {
  /** Encodings appear once negotiated, as in browsers. */
  parameters: { encodings: RTCRtpEncodingParameters[]; degradationPreference?: string } = {
    encodings: [{ active: true }],
  };
  readonly applied: unknown[] = [];
  constructor(public track: FakeTrack | null) {}
  async replaceTrack(t: FakeTrack | null) {
    this.track = t;
  }
  getParameters() {
    return clone(this.parameters);
  }
  async setParameters(p: FakeSender['parameters']) {
    this.parameters = clone(p);
    this.applied.push(clone(p));
  }
}

interface Registration {
  type: string;
  signal?: AbortSignal;
}

/**
 * A peer connection with a simplified signaling state machine. Unlike browsers it does NOT
 * roll back implicitly: a remote offer in `have-local-offer` throws, so a test proves the
 * code under test rolled back on purpose.
 */
export class FakePeerConnection extends EventTarget {
  static created: FakePeerConnection[] = [];
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  readonly log: string[] = [];
  readonly candidates: RTCIceCandidateInit[] = [];
  readonly senders: FakeSender[] = [];
  /** What `getStats()` answers: set it from a fixture with {@link setStats}. */
  stats: StatsEntry[] = [];
  private negotiationQueued = false;
  readonly transceivers: { kind: string; direction: string }[] = [];
  readonly registrations: Registration[] = [];
  closed = false;
  private offers = 0;

  constructor(
    readonly config: RTCConfiguration = {},
    readonly name = 'pc',
  ) {
    super();
    FakePeerConnection.created.push(this);
  }

  override addEventListener(
    type: string,
    cb: EventListenerOrEventListenerObject | null,
    opts?: AddEventListenerOptions | boolean,
  ) {
    this.registrations.push({ type, signal: typeof opts === 'object' ? opts.signal : undefined });
    super.addEventListener(type, cb, opts);
  }

  /** Listeners still attached (those whose abort signal has not fired). */
  activeListeners(): number {
    return this.registrations.filter((r) => !r.signal?.aborted).length;
  }

  async setLocalDescription(desc?: RTCSessionDescriptionInit) {
    await Promise.resolve();
    if (desc?.type === 'rollback') {
      if (this.signalingState !== 'have-local-offer')
        throw new Error('InvalidStateError: nothing to roll back');
      this.log.push('rollback');
      this.localDescription = null;
      this.signalingState = 'stable';
      return;
    }
    if (this.signalingState === 'have-remote-offer') {
      this.localDescription = { type: 'answer', sdp: `answer-from-${this.name}` };
      this.signalingState = 'stable';
      this.log.push('answer');
      return;
    }
    if (this.signalingState === 'stable' || this.signalingState === 'have-local-offer') {
      this.offers++;
      this.localDescription = { type: 'offer', sdp: `offer-from-${this.name}-${this.offers}` };
      this.signalingState = 'have-local-offer';
      this.log.push('offer');
      return;
    }
    throw new Error(`InvalidStateError in ${this.signalingState}`);
  }

  async setRemoteDescription(desc: RTCSessionDescriptionInit) {
    await Promise.resolve();
    if (desc.type === 'offer') {
      if (this.signalingState !== 'stable') throw new Error('InvalidStateError: glare not rolled back');
      this.signalingState = 'have-remote-offer';
    } else if (desc.type === 'answer') {
      if (this.signalingState !== 'have-local-offer') throw new Error('InvalidStateError: unexpected answer');
      this.signalingState = 'stable';
    }
    this.remoteDescription = desc;
    this.log.push(`remote:${desc.type}`);
  }

  async addIceCandidate(candidate: RTCIceCandidateInit) {
    if (!this.remoteDescription) throw new Error('InvalidStateError: no remote description');
    this.candidates.push(candidate);
    this.log.push('candidate');
  }

  addTrack(track: FakeTrack) {
    const sender = new FakeSender(track);
    this.senders.push(sender);
    // Like a browser: a track added while answering rides on the offered transceiver.
    if (this.signalingState !== 'have-remote-offer') this.needNegotiation();
    return sender;
  }

  addTransceiver(kind: string, init: { direction: string }) {
    this.transceivers.push({ kind, direction: init.direction });
    this.needNegotiation();
  }

  getSenders() {
    return this.senders;
  }

  async getStats() {
    return new Map(this.stats.map((e, i) => [String(e['id'] ?? i), e]));
  }

  setStats(fixture: StatsFixture) {
    this.stats = statsEntries(fixture);
  }

  restartIce() {
    this.log.push('restartIce');
    this.needNegotiation();
  }

  close() {
    this.closed = true;
    this.signalingState = 'closed';
    this.connectionState = 'closed';
  }

  /** Plays the browser reporting a new connection state. */
  setConnectionState(state: RTCPeerConnectionState) {
    this.connectionState = state;
    this.dispatchEvent(new Event('connectionstatechange'));
  }

  emitCandidate(candidate: string) {
    const event = new Event('icecandidate') as Event & { candidate: unknown };
    event.candidate = { toJSON: () => ({ candidate, sdpMid: '0', sdpMLineIndex: 0 }) };
    this.dispatchEvent(event);
  }

  emitTrack(track: FakeTrack, stream: FakeStream) {
    const event = new Event('track') as Event & { track: unknown; streams: unknown[] };
    event.track = track;
    event.streams = [stream];
    this.dispatchEvent(event);
  }

  /** Like a browser: coalesced, and only fired in the stable state. */
  needNegotiation() {
    if (this.negotiationQueued) return;
    this.negotiationQueued = true;
    queueMicrotask(() => {
      this.negotiationQueued = false;
      if (!this.closed && this.signalingState === 'stable')
        this.dispatchEvent(new Event('negotiationneeded'));
    });
  }
}

/** Manually advanced timers. */
export class FakeTimers implements RtcTimers {
  private current = 0;
  private seq = 0;
  readonly queue = new Map<number, { at: number; fn: () => void }>();

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.queue.set(id, { at: this.current + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.queue.delete(handle as number);
  }
  now() {
    return this.current;
  }
  advance(ms: number) {
    const until = this.current + ms;
    for (;;) {
      const next = [...this.queue.entries()]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.queue.delete(next[0]);
      this.current = next[1].at;
      next[1].fn();
    }
    this.current = until;
  }
}

/** Lets queued promises and zero-delay timers run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}

/** A DOMException-like rejection as `getUserMedia` produces. */
export function mediaFailure(name: string): Error {
  const error = new Error(name);
  error.name = name;
  return error;
}
