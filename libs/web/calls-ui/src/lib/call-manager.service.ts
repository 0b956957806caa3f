import { Injectable, InjectionToken, computed, effect, inject, signal, untracked } from '@angular/core';
import type { CallBinding, CallDto, CallType, SignalPayload } from '@callshop/contracts';
import {
  AuthSession,
  CallSocket,
  CallsApi,
  SocketRequestError,
  SocketState,
  describeError,
} from '@callshop/web/core';
import { RtcConnectionState, RtcMediaError, RtcService, mediaErrorHelp } from '@callshop/web/rtc';
import { firstValueFrom } from 'rxjs';
import { CallNotifier } from './call-notifier.service';
import {
  type CallOutcome,
  type CallViewer,
  counterpartName,
  describeOutcome,
  isCaller,
} from './call-outcome';
import { Ringtone } from './ringtone.service';

/**
 * Where the call stands for this device. `live` is one stored phase; the public
 * {@link CallManager.phase} splits it into connecting / in-call / reconnecting from the media
 * and socket state, so those never drift apart.
 */
export type StoredCallPhase =
  | 'idle'
  | 'preparing'
  | 'outgoing'
  | 'incoming'
  | 'accepting'
  /** An accepted call of ours is still on, held by no page (e.g. after a reload): offer to rejoin. */
  | 'rejoin'
  | 'live'
  | 'ended';
export type CallPhase = Exclude<StoredCallPhase, 'live'> | 'connecting' | 'in-call' | 'reconnecting';

/** The only legal phase changes; {@link CallManager} applies them in one `transition()`. */
export const CALL_PHASE_TRANSITIONS: Readonly<Record<StoredCallPhase, readonly StoredCallPhase[]>> = {
  idle: ['preparing', 'incoming', 'rejoin'],
  preparing: ['outgoing', 'live', 'ended'],
  outgoing: ['live', 'ended'],
  incoming: ['accepting', 'live', 'ended'],
  accepting: ['live', 'ended'],
  rejoin: ['live', 'ended'],
  live: ['ended'],
  ended: ['idle', 'preparing', 'incoming', 'rejoin'],
};

/** What to call: a shop about a product (customer), or a customer (seller). */
export interface PlaceCallRequest {
  type: CallType;
  /** The shop, for a customer's call. */
  sellerId?: string;
  productId?: string;
  /** The customer, for a seller's call. */
  customerId?: string;
  /** Who is being called, shown while ringing ("Calling <name>…"). */
  displayName: string;
}

interface CallState {
  phase: StoredCallPhase;
  call: CallDto | null;
  /** What was asked for, kept to retry (audio only) or fall back to the phone. */
  request: PlaceCallRequest | null;
  outcome: CallOutcome | null;
  /** The other device dropped and the server is waiting for it. */
  peerAway: boolean;
  /** Epoch ms when media first flowed, for the timer. */
  connectedAt: number | null;
  /** An action (cancel, hang up) failed; shown without leaving the phase. */
  actionError: string | null;
  /** Rejoin was clicked: media and `call:resume` are under way. */
  rejoining: boolean;
}

const INITIAL: CallState = {
  phase: 'idle',
  call: null,
  request: null,
  outcome: null,
  peerAway: false,
  connectedAt: null,
  actionError: null,
  rejoining: false,
};

/** How long "answered elsewhere" and similar notes stay before the panel closes by itself. */
export const CALL_AUTO_DISMISS_MS = new InjectionToken<number>('CALL_AUTO_DISMISS_MS', {
  providedIn: 'root',
  factory: () => 4000,
});

/**
 * The call as the UI sees it, for customers and sellers alike. It places, answers, declines,
 * cancels and ends calls over the signaling socket, drives
 * {@link RtcService} and turns every final status into an outcome in plain words.
 */
@Injectable({ providedIn: 'root' })
export class CallManager {
  private readonly socket = inject(CallSocket);
  private readonly api = inject(CallsApi);
  private readonly rtc = inject(RtcService);
  private readonly session = inject(AuthSession);
  private readonly ringtone = inject(Ringtone);
  private readonly notifier = inject(CallNotifier);
  private readonly autoDismissMs = inject(CALL_AUTO_DISMISS_MS);

  private readonly state = signal<CallState>(INITIAL);
  private dismissTimer: ReturnType<typeof setTimeout> | null = null;
  /** `call:accepted` can overtake the answer to `call:initiate`; held here until it lands. */
  private earlyAccepted: (CallBinding & { deviceId: string }) | null = null;
  private earlyEnded: CallDto | null = null;
  /**
   * The caller negotiates while the call rings: its offer and first candidates wait here
   * (the server relays nothing before the answer) and go out the moment the call is accepted.
   */
  private heldSignals: { callId: string; signals: SignalPayload[] } | null = null;

  readonly call = computed(() => this.state().call);
  readonly outcome = computed(() => this.state().outcome);
  readonly request = computed(() => this.state().request);
  readonly connectedAt = computed(() => this.state().connectedAt);
  readonly actionError = computed(() => this.state().actionError);
  readonly peerAway = computed(() => this.state().peerAway);
  readonly rejoining = computed(() => this.state().rejoining);
  readonly viewer = computed<CallViewer>(() => (this.session.role() === 'seller' ? 'shop' : 'customer'));

  readonly phase = computed<CallPhase>(() => {
    const { phase, peerAway, connectedAt } = this.state();
    if (phase !== 'live') return phase;
    const media = this.rtc.state();
    const socketUp = this.socket.state() === SocketState.Connected;
    if (media === RtcConnectionState.Reconnecting || !socketUp || peerAway) return 'reconnecting';
    if (media === RtcConnectionState.Connected) return 'in-call';
    return connectedAt !== null ? 'reconnecting' : 'connecting';
  });

  /** Name of the other party: the shop for a customer, the customer for a seller. */
  readonly counterpart = computed(() => {
    const { call, request } = this.state();
    return call ? counterpartName(call, this.viewer()) : (request?.displayName ?? '');
  });

  /** A call is under way on this device (new calls cannot start). */
  readonly busy = computed(() => !['idle', 'ended'].includes(this.state().phase));

  constructor() {
    this.socket.on('call:incoming').subscribe(({ call }) => this.onIncoming(call));
    // Replayed: the call UI may load after the socket connected (the storefront defers it).
    this.socket.sessionReady$.subscribe(({ activeCall }) => {
      // A call still ringing for us when this tab opens rings here too.
      if (activeCall?.status === 'ringing' && !isCaller(activeCall, this.viewer()))
        this.onIncoming(activeCall);
      // An answered call this page does not hold (reloaded, reopened): offer to rejoin it.
      else if (activeCall?.status === 'accepted') this.offerRejoin(activeCall);
    });
    this.socket.on('call:accepted').subscribe((accepted) => this.onAccepted(accepted));
    this.socket.on('call:answered-elsewhere').subscribe(({ callId, answeredBy }) => {
      const { phase, call } = this.state();
      if (call?.id !== callId || (phase !== 'incoming' && phase !== 'accepting')) return;
      const me = this.session.user()?.id;
      const title = answeredBy.id === me ? 'Answered on another device' : `Answered by ${answeredBy.name}`;
      this.finish({ title, detail: null, tone: 'info', suggestCallback: false }, { autoDismiss: true });
    });
    this.socket.on('call:ended').subscribe(({ call }) => this.onEnded(call));
    this.socket.on('call:signal').subscribe(({ callId, signal }) => {
      if (this.state().call?.id === callId) void this.rtc.handleSignal(signal);
    });
    this.socket.on('call:peer-disconnected').subscribe(({ callId }) => {
      if (this.isCurrentLive(callId)) this.patch({ peerAway: true });
    });
    this.socket.on('call:peer-reconnected').subscribe(({ callId, fresh }) => {
      if (!this.isCurrentLive(callId)) return;
      this.patch({ peerAway: false });
      // Its offers were lost while it was away; a reloaded page has a new connection, and so
      // must we.
      this.rtc.peerReturned(fresh === true);
    });
    this.socket.resumed$.subscribe(({ callId, result }) => {
      if (!this.isCurrentLive(callId)) return;
      if (result.ok) this.rtc.restartIce();
      else
        this.finish({
          title: 'The call was lost.',
          detail: result.error.message,
          tone: 'error',
          suggestCallback: false,
        });
    });

    effect(() => {
      const media = this.rtc.state();
      untracked(() => this.onMediaState(media));
    });
    effect(() => {
      // Logging out ends whatever call this device had.
      if (!this.session.isAuthenticated()) untracked(() => this.reset());
    });
  }

  /** Places a call from a click (so the browser allows the camera prompt and playback). */
  async placeCall(request: PlaceCallRequest): Promise<void> {
    if (this.busy()) return;
    this.clearDismiss();
    this.earlyAccepted = null;
    this.earlyEnded = null;
    this.transition('preparing', { ...INITIAL, request });
    try {
      await this.rtc.prepareMedia(request.type);
    } catch (error) {
      if (this.state().phase === 'preparing') this.finishMediaError(error);
      return;
    }
    try {
      await this.socket.whenConnected();
    } catch (error) {
      if (this.state().phase === 'preparing') this.finish(this.failure(describeError(error)));
      return;
    }
    if (this.state().phase !== 'preparing') return; // cancelled while connecting
    let call: CallDto;
    try {
      // Over the signaling socket (the same rules and answer as POST /video-call/initiate, one
      // round trip less); this socket becomes the call's device.
      ({ call } = await this.socket.request('call:initiate', {
        sellerId: request.sellerId,
        productId: request.productId,
        customerId: request.customerId,
        type: request.type,
      }));
    } catch (error) {
      if (this.state().phase !== 'preparing') return;
      const message =
        error instanceof SocketRequestError && error.error.code === 'CONFLICT'
          ? 'You are already in a call. Finish it before starting another.'
          : describeError(error);
      this.finish(this.failure(message));
      return;
    }
    if (this.state().phase !== 'preparing') {
      // Cancelled while the request was in flight: the call exists now, so cancel it.
      if (call.status === 'ringing') void this.socket.emitWithAck('call:cancel', { callId: call.id });
      return;
    }
    if (call.status !== 'ringing') {
      this.patch({ call });
      this.finish(describeOutcome(call, this.viewer()));
      return;
    }
    this.transition('outgoing', { call });
    this.socket.trackCall(call.id);
    this.heldSignals = { callId: call.id, signals: [] };
    void this.startMedia(call, false);
    const ended = this.earlyEnded as CallDto | null;
    const accepted = this.earlyAccepted as (CallBinding & { deviceId: string }) | null;
    this.earlyEnded = null;
    this.earlyAccepted = null;
    if (ended?.id === call.id) this.onEnded(ended);
    else if (accepted?.call.id === call.id) this.onAccepted(accepted);
  }

  /** Same call again, audio only (after a camera problem). */
  retryAudioOnly(): Promise<void> {
    const request = this.state().request;
    if (!request) return Promise.resolve();
    this.dismiss();
    return this.placeCall({ ...request, type: 'audio' });
  }

  /** Answers the ringing call on this device; call it from the Accept click. */
  async accept(): Promise<void> {
    const { phase, call } = this.state();
    if (phase !== 'incoming' || !call) return;
    this.ringtone.stop();
    this.notifier.close();
    this.transition('accepting');
    try {
      await this.rtc.prepareMedia(call.type);
    } catch (error) {
      if (this.state().phase !== 'accepting') return;
      void this.socket.emitWithAck('call:decline', { callId: call.id });
      this.finishMediaError(error);
      return;
    }
    if (this.state().phase !== 'accepting') return;
    try {
      const binding = await this.socket.request('call:accept', { callId: call.id });
      void this.goLive(binding);
    } catch (error) {
      if (this.state().phase !== 'accepting') return; // call:accepted or call:ended got there first
      this.finish(this.failure(error instanceof SocketRequestError ? error.message : describeError(error)));
    }
  }

  /**
   * Takes the call offered after a reload back to this page; call it from the Rejoin click (so
   * the camera prompt and playback are allowed). Media first, then `call:resume` (fresh)
   * re-binds the call to this socket and tells the other device to start a new connection
   * with this page's.
   */
  async rejoin(): Promise<void> {
    const { phase, call, rejoining } = this.state();
    if (phase !== 'rejoin' || !call || rejoining) return;
    this.patch({ rejoining: true, actionError: null });
    const stillOffered = () => this.state().phase === 'rejoin' && this.state().call?.id === call.id;
    try {
      await this.rtc.prepareMedia(call.type);
    } catch (error) {
      if (!stillOffered()) return;
      void this.socket.emitWithAck('call:hangup', { callId: call.id });
      this.finishMediaError(error);
      return;
    }
    if (!stillOffered()) return;
    let binding: CallBinding;
    try {
      // A new page, so a new peer connection: the device that stayed starts one too.
      binding = await this.socket.request('call:resume', { callId: call.id, fresh: true });
    } catch (error) {
      if (!stillOffered()) return; // call:ended got there first
      this.finish({
        title: 'The call could not be rejoined.',
        detail: error instanceof SocketRequestError ? error.message : describeError(error),
        tone: 'error',
        suggestCallback: false,
      });
      return;
    }
    if (!stillOffered()) return;
    const answeredAt = binding.call.answeredAt ? Date.parse(binding.call.answeredAt) : NaN;
    // Both sides start new connections; the caller's side offers, as at the start of a call.
    await this.goLive(binding, Number.isNaN(answeredAt) ? null : answeredAt);
  }

  async decline(): Promise<void> {
    const { phase, call } = this.state();
    if (phase !== 'incoming' || !call) return;
    this.ringtone.stop();
    const ack = await this.socket.emitWithAck('call:decline', { callId: call.id });
    if (this.state().call?.id !== call.id || this.state().phase !== 'incoming') return;
    this.finish(
      ack.ok
        ? describeOutcome(ack.call, this.viewer())
        : { title: 'You declined the call.', detail: null, tone: 'info', suggestCallback: false },
      { autoDismiss: true },
    );
  }

  /** Stops an outgoing call before it is answered. */
  async cancel(): Promise<void> {
    const { phase, call } = this.state();
    if (phase === 'preparing') {
      this.finish(
        { title: 'Call cancelled.', detail: null, tone: 'info', suggestCallback: false },
        { autoDismiss: true },
      );
      return;
    }
    if (phase !== 'outgoing' || !call) return;
    const ack = await this.socket.emitWithAck('call:cancel', { callId: call.id });
    if (this.state().call?.id !== call.id || this.state().phase !== 'outgoing') return;
    if (ack.ok) {
      this.finish(describeOutcome(ack.call, this.viewer()), { autoDismiss: true });
      return;
    }
    try {
      const cancelled = await firstValueFrom(this.api.cancel(call.id));
      if (this.state().phase === 'outgoing')
        this.finish(describeOutcome(cancelled, this.viewer()), { autoDismiss: true });
    } catch (error) {
      this.patch({ actionError: describeError(error, 'The call could not be cancelled.') });
    }
  }

  /** Ends the live call, or the call offered to rejoin after a reload. */
  async hangup(): Promise<void> {
    const { phase, call } = this.state();
    if ((phase !== 'live' && phase !== 'rejoin') || !call) return;
    const ack = await this.socket.emitWithAck('call:hangup', { callId: call.id });
    if (this.state().call?.id !== call.id || this.state().phase !== phase) return;
    let ended: CallDto | null = ack.ok ? ack.call : null;
    if (!ended) {
      try {
        ended = await firstValueFrom(this.api.hangup(call.id));
      } catch {
        ended = null;
      }
    }
    if (this.state().phase !== phase) return;
    this.finish(
      ended
        ? describeOutcome(ended, this.viewer())
        : { title: 'Call ended', detail: null, tone: 'info', suggestCallback: false },
    );
  }

  /** Closes the end-of-call panel. */
  dismiss(): void {
    if (this.state().phase !== 'ended') return;
    this.clearDismiss();
    this.rtc.reset();
    this.transition('idle', { ...INITIAL });
  }

  private onIncoming(call: CallDto): void {
    const { phase } = this.state();
    if (phase !== 'idle' && phase !== 'ended') return; // busy here: the server handles "busy"
    if (this.state().call?.id === call.id) return;
    this.clearDismiss();
    this.transition('incoming', { ...INITIAL, call });
    this.ringtone.start();
    const from = counterpartName(call, this.viewer());
    const about = call.product ? ` about ${call.product.name}` : '';
    this.notifier.notify(call.id, `Incoming ${call.type} call`, `${from} is calling${about}.`);
  }

  private offerRejoin(call: CallDto): void {
    const { phase } = this.state();
    if (phase !== 'idle' && phase !== 'ended') return; // this page holds a call (a socket resume)
    this.clearDismiss();
    if (phase === 'ended') this.rtc.reset();
    this.transition('rejoin', { ...INITIAL, call });
  }

  private onAccepted(accepted: CallBinding & { deviceId: string }): void {
    const { phase, call } = this.state();
    if (phase === 'preparing' && !call) {
      this.earlyAccepted = accepted;
      return;
    }
    if (call?.id !== accepted.call.id) return;
    if (accepted.deviceId !== this.socket.id) return; // another device owns it; answered-elsewhere follows
    if (phase === 'outgoing' || phase === 'accepting' || phase === 'incoming') void this.goLive(accepted);
  }

  private onEnded(ended: CallDto): void {
    const { phase, call } = this.state();
    if (phase === 'preparing' && !call) {
      this.earlyEnded = ended;
      return;
    }
    if (call?.id !== ended.id || phase === 'ended' || phase === 'idle') return;
    this.patch({ call: ended });
    // Ending it ourselves (cancel, decline) needs no panel to dismiss; it fades on its own.
    const caller = isCaller(ended, this.viewer());
    const byMe = (ended.status === 'cancelled' && caller) || (ended.status === 'declined' && !caller);
    this.finish(describeOutcome(ended, this.viewer()), { autoDismiss: byMe });
  }

  /** `connectedAt` is set when rejoining, so the timer counts from when the call was answered. */
  private goLive(binding: CallBinding, connectedAt: number | null = null): Promise<void> {
    if (this.state().phase === 'live') return Promise.resolve();
    this.ringtone.stop();
    this.notifier.close();
    this.transition('live', { call: binding.call, peerAway: false, rejoining: false, connectedAt });
    this.socket.trackCall(binding.call.id);
    const held = this.heldSignals?.callId === binding.call.id ? this.heldSignals.signals : [];
    this.heldSignals = null;
    for (const signal of held) this.sendSignal(binding.call.id, signal);
    // For a caller that started while ringing this is a no-op (same call).
    return this.startMedia(binding.call, binding.polite);
  }

  private startMedia(call: CallDto, polite: boolean): Promise<void> {
    const callId = call.id;
    return this.rtc.start({
      callId,
      type: call.type,
      polite,
      send: (signal: SignalPayload) => this.sendSignal(callId, signal),
    });
  }

  /** Relays a negotiation message; before the answer, held for it; after the call, dropped. */
  private sendSignal(callId: string, signal: SignalPayload): void {
    if (this.isCurrentLive(callId)) void this.socket.emitWithAck('call:signal', { callId, signal });
    else if (this.heldSignals?.callId === callId) this.heldSignals.signals.push(signal);
  }

  private onMediaState(media: RtcConnectionState): void {
    const { phase, connectedAt } = this.state();
    if (phase !== 'live') return;
    if (media === RtcConnectionState.Connected && connectedAt === null)
      this.patch({ connectedAt: Date.now() });
    // While the other device is away the server decides (its reconnect grace), not our media.
    if (media === RtcConnectionState.Failed && !this.state().peerAway) void this.connectionLost();
  }

  private async connectionLost(): Promise<void> {
    const call = this.state().call;
    this.finish({
      title: 'The connection was lost.',
      detail: 'The call ended because the connection could not be restored.',
      tone: 'error',
      suggestCallback: false,
    });
    if (call) await this.socket.emitWithAck('call:hangup', { callId: call.id });
  }

  private finishMediaError(error: unknown): void {
    const kind = error instanceof RtcMediaError ? error.kind : 'unknown';
    this.finish({
      title: 'We could not use your camera or microphone.',
      detail: mediaErrorHelp(kind),
      tone: 'error',
      suggestCallback: this.viewer() === 'customer',
      mediaError: kind,
    });
  }

  private failure(message: string): CallOutcome {
    return {
      title: 'The call could not be started.',
      detail: message,
      tone: 'error',
      suggestCallback: false,
    };
  }

  /** The one way into `ended`: stops ringing, releases media and the socket's call binding. */
  private finish(outcome: CallOutcome, options: { autoDismiss?: boolean } = {}): void {
    this.heldSignals = null;
    this.ringtone.stop();
    this.notifier.close();
    this.rtc.close();
    this.socket.trackCall(null);
    this.transition('ended', { outcome, peerAway: false, actionError: null, rejoining: false });
    this.clearDismiss();
    if (options.autoDismiss) this.dismissTimer = setTimeout(() => this.dismiss(), this.autoDismissMs);
  }

  private reset(): void {
    if (this.state().phase === 'idle') return;
    const { phase, call } = this.state();
    if (call && phase === 'live') void this.socket.emitWithAck('call:hangup', { callId: call.id });
    this.heldSignals = null;
    this.ringtone.stop();
    this.notifier.close();
    this.rtc.close();
    this.rtc.reset();
    this.clearDismiss();
    this.state.set(INITIAL);
  }

  private isCurrentLive(callId: string): boolean {
    return this.state().phase === 'live' && this.state().call?.id === callId;
  }

  private transition(next: StoredCallPhase, changes: Partial<CallState> = {}): void {
    const current = this.state().phase;
    if (!CALL_PHASE_TRANSITIONS[current].includes(next)) {
      throw new Error(`Illegal call phase change ${current} → ${next}`);
    }
    this.state.update((s) => ({ ...s, ...changes, phase: next }));
  }

  private patch(changes: Partial<Omit<CallState, 'phase'>>): void {
    this.state.update((s) => ({ ...s, ...changes }));
  }

  private clearDismiss(): void {
    if (this.dismissTimer !== null) clearTimeout(this.dismissTimer);
    this.dismissTimer = null;
  }
}
