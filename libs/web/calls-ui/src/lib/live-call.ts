import { Injectable, InjectionToken, effect, inject, untracked } from '@angular/core';
import type { CallBinding, CallDto, CallType, SignalPayload } from '@callshop/contracts';
import { AuthSession, CallSocket, CallsApi, SocketState } from '@callshop/web/core';
import { RtcService } from '@callshop/web/rtc';
import { firstValueFrom } from 'rxjs';
import { CallMediaReports } from './call-media-reports';
import { CallNotifier } from './call-notifier.service';
import {
  type CallOutcome,
  callEndedOutcome,
  describeOutcome,
  isCaller,
  mediaFailedOutcome,
} from './call-outcome';
import { CallStateMachine, NO_CALL, type CallStateChanges } from './call-state-machine';
import { Ringtone } from './ringtone.service';

/** How long "answered elsewhere" and similar notes stay before the panel closes by itself. */
export const CALL_AUTO_DISMISS_MS = new InjectionToken<number>('CALL_AUTO_DISMISS_MS', {
  providedIn: 'root',
  factory: () => 4000,
});

/** `call:accepted` as a device receives it: the binding, and which device took the call. */
type AcceptedCall = CallBinding & { deviceId: string };

/**
 * The call from its answer to its end, and every ending: starts the media connection, relays
 * negotiation both ways, follows the other side's media as the server reports it
 * (`call:peer-connection`), asks the other device for a new connection when recovery needs one,
 * hangs up (only when the user says so: a connection that gave out is the server's to end),
 * and is the one way into `ended` ({@link finish}) and back to `idle` ({@link dismiss}). Part
 * of {@link CallManager}.
 */
@Injectable({ providedIn: 'root' })
export class LiveCall {
  private readonly machine = inject(CallStateMachine);
  private readonly socket = inject(CallSocket);
  private readonly api = inject(CallsApi);
  private readonly rtc = inject(RtcService);
  private readonly session = inject(AuthSession);
  private readonly ringtone = inject(Ringtone);
  private readonly notifier = inject(CallNotifier);
  private readonly autoDismissMs = inject(CALL_AUTO_DISMISS_MS);
  private readonly reports = inject(CallMediaReports);

  private dismissTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * The caller negotiates while the call rings: its offer and first candidates go to the
   * server, which holds them for the device that answers (handed over with the answer). One
   * the server could not hold waits here and goes out the moment the call is accepted.
   */
  private heldSignals: { callId: string; signals: SignalPayload[] } | null = null;
  /** The callee, between its Accept and the answer to it: the caller's messages that got here first. */
  private pendingIncoming: { callId: string; signals: SignalPayload[] } | null = null;
  /** `call:accepted` / `call:ended` can overtake the answer to `call:initiate`; held until it lands. */
  private early: { accepted: AcceptedCall | null; ended: CallDto | null } = { accepted: null, ended: null };

  constructor() {
    this.socket.on('call:accepted').subscribe((accepted) => this.onAccepted(accepted));
    this.socket.on('call:ended').subscribe(({ call }) => this.onEnded(call));
    this.socket.on('call:signal').subscribe(({ callId, signal }) => {
      if (this.machine.call?.id !== callId) return;
      if (this.machine.phase === 'accepting') {
        // Applied after what the server held for this device, which comes with the accept's answer.
        if (this.pendingIncoming?.callId !== callId) this.pendingIncoming = { callId, signals: [] };
        this.pendingIncoming.signals.push(signal);
      } else void this.rtc.handleSignal(signal);
    });
    this.socket.on('call:peer-connection').subscribe(({ callId, state }) => {
      // Also while rejoining: the server says where the other side stands before the resume's answer.
      const { phase, call } = this.machine.state();
      if (call?.id === callId && (phase === 'live' || phase === 'rejoin'))
        this.machine.patch({ peerInterrupted: state === 'interrupted' });
    });
    effect(() => {
      // Logging out ends whatever call this device had.
      if (!this.session.isAuthenticated()) untracked(() => this.endOnLogout());
    });
    effect(() => {
      // What the server said of the other side holds while this socket is up; a change while it
      // was down went nowhere, and the server says it again when the call is resumed.
      const up = this.socket.state() === SocketState.Connected;
      untracked(() => {
        if (!up && this.machine.state().peerInterrupted) this.machine.patch({ peerInterrupted: false });
      });
    });
  }

  /** Starts a new call in `phase` from no call at all (closing the last call's panel). */
  begin(phase: 'preparing' | 'incoming' | 'rejoin', changes: CallStateChanges): void {
    this.clearDismiss();
    this.early = { accepted: null, ended: null };
    this.machine.setPhase(phase, { ...NO_CALL, ...changes });
  }

  /**
   * The caller's call rings: bind it to this socket and negotiate already, holding what it
   * sends until the answer. What arrived for the call before this device knew it happens now.
   */
  negotiateWhileRinging(call: CallDto): void {
    this.socket.trackCall(call.id);
    this.heldSignals = { callId: call.id, signals: [] };
    void this.startMedia(call, false);
    const { accepted, ended } = this.early;
    this.early = { accepted: null, ended: null };
    if (ended?.id === call.id) this.onEnded(ended);
    else if (accepted?.call.id === call.id) this.onAccepted(accepted);
  }

  /**
   * Opens the camera and microphone from the user's click. When they fail and the call is
   * still `wanted`, the server is told (`giveUp`: decline the ringing call, hang up the one
   * being rejoined) and the call ends explaining the camera problem. Resolves whether to go on.
   */
  async openMedia(
    type: CallType,
    wanted: () => boolean,
    giveUp?: { event: 'call:decline' | 'call:hangup'; callId: string },
  ): Promise<boolean> {
    try {
      await this.rtc.prepareMedia(type);
    } catch (error) {
      if (!wanted()) return false;
      if (giveUp) void this.socket.emitWithAck(giveUp.event, { callId: giveUp.callId });
      this.finish(mediaFailedOutcome(error, this.machine.viewer()));
      return false;
    }
    return wanted();
  }

  /** `connectedAt` is set when rejoining a call that had connected, so the timer goes on from it. */
  goLive(binding: CallBinding, connectedAt: number | null = null): Promise<void> {
    if (this.machine.phase === 'live') return Promise.resolve();
    this.ringtone.stop();
    this.notifier.close();
    this.machine.setPhase('live', { call: binding.call, peerAway: false, rejoining: false, connectedAt });
    this.socket.trackCall(binding.call.id);
    const held = this.heldSignals?.callId === binding.call.id ? this.heldSignals.signals : [];
    this.heldSignals = null;
    for (const signal of held) this.sendSignal(binding.call.id, signal);
    // For a caller that started while ringing this is a no-op (same call).
    const started = this.startMedia(binding.call, binding.polite);
    // The callee: the caller's offer and candidates, as the server held them, then what came since.
    const early = this.pendingIncoming?.callId === binding.call.id ? this.pendingIncoming.signals : [];
    this.pendingIncoming = null;
    for (const signal of [...(binding.signals ?? []), ...early]) void this.rtc.handleSignal(signal);
    // Answered: media is expected now, and recovery starts if it does not come.
    this.rtc.expectConnection();
    return started;
  }

  /** Ends the live call, or the call offered to rejoin after a reload. */
  async hangup(): Promise<void> {
    const { phase, call } = this.machine.state();
    if ((phase !== 'live' && phase !== 'rejoin') || !call) return;
    const ack = await this.socket.emitWithAck('call:hangup', { callId: call.id });
    if (this.machine.call?.id !== call.id || this.machine.phase !== phase) return;
    let ended: CallDto | null = ack.ok ? ack.call : null;
    if (!ended) {
      try {
        ended = await firstValueFrom(this.api.hangup(call.id));
      } catch {
        ended = null;
      }
    }
    if (this.machine.phase !== phase) return;
    this.finish(ended ? describeOutcome(ended, this.machine.viewer()) : callEndedOutcome());
  }

  /** The one way into `ended`: stops ringing, releases media and the socket's call binding. */
  finish(outcome: CallOutcome | null, options: { autoDismiss?: boolean } = {}): void {
    this.heldSignals = null;
    this.pendingIncoming = null;
    this.ringtone.stop();
    this.notifier.close();
    this.rtc.close();
    this.socket.trackCall(null);
    this.machine.setPhase('ended', { outcome, peerAway: false, actionError: null, rejoining: false });
    this.clearDismiss();
    if (options.autoDismiss) this.dismissTimer = setTimeout(() => this.dismiss(), this.autoDismissMs);
  }

  /** Closes the end-of-call panel. */
  dismiss(): void {
    if (this.machine.phase !== 'ended') return;
    this.clearDismiss();
    this.rtc.reset();
    this.machine.setPhase('idle', NO_CALL);
  }

  private onAccepted(accepted: AcceptedCall): void {
    const { phase, call } = this.machine.state();
    if (phase === 'preparing' && !call) {
      this.early.accepted = accepted;
      return;
    }
    if (call?.id !== accepted.call.id) return;
    if (accepted.deviceId !== this.socket.id) return; // another device owns it; answered-elsewhere follows
    // Accepting here: the answer to call:accept goes live, with what the caller sent while it rang.
    if (phase === 'outgoing' || phase === 'incoming') void this.goLive(accepted);
  }

  private onEnded(ended: CallDto): void {
    const { phase, call } = this.machine.state();
    if (phase === 'preparing' && !call) {
      this.early.ended = ended;
      return;
    }
    if (call?.id !== ended.id || phase === 'ended' || phase === 'idle') return;
    this.machine.patch({ call: ended });
    // Ending it ourselves (cancel, decline) needs no panel to dismiss; it fades on its own.
    const viewer = this.machine.viewer();
    const caller = isCaller(ended, viewer);
    const byMe = (ended.status === 'cancelled' && caller) || (ended.status === 'declined' && !caller);
    this.finish(describeOutcome(ended, viewer), { autoDismiss: byMe });
  }

  private startMedia(call: CallDto, polite: boolean): Promise<void> {
    const callId = call.id;
    return this.rtc.start({
      callId,
      type: call.type,
      polite,
      send: (signal: SignalPayload) => this.sendSignal(callId, signal),
      renew: () => this.renew(callId),
      report: (sample) => this.reports.sendQuality(callId, sample),
    });
  }

  /**
   * Recovery's bigger step: `call:resume` with `fresh: true` from this (already bound) socket
   * tells the other device to start a new connection, as after a reload; the server counts
   * this side's media as stopped until it flows again. Not while the other device is away.
   */
  private async renew(callId: string): Promise<boolean> {
    if (!this.machine.isLive(callId) || this.machine.state().peerAway) return false;
    const ack = await this.socket.emitWithAck('call:resume', { callId, fresh: true });
    if (!ack.ok || !this.machine.isLive(callId)) return false;
    this.reports.restarted(callId);
    return true;
  }

  /**
   * Relays a negotiation message. Before the answer the server holds it for the device that
   * answers; one it could not take waits here for the answer. After the call, dropped.
   */
  private sendSignal(callId: string, signal: SignalPayload): void {
    if (this.machine.isLive(callId)) {
      void this.socket.emitWithAck('call:signal', { callId, signal });
      return;
    }
    if (this.heldSignals?.callId !== callId) return;
    const holdHere = () => {
      if (this.machine.isLive(callId)) void this.socket.emitWithAck('call:signal', { callId, signal });
      else if (this.heldSignals?.callId === callId) this.heldSignals.signals.push(signal);
    };
    // Once one waits here, the rest wait behind it, so the other side gets them in order.
    if (this.socket.state() !== SocketState.Connected || this.heldSignals.signals.length) return holdHere();
    void this.socket.emitWithAck('call:signal', { callId, signal }).then((ack) => {
      if (!ack.ok) holdHere();
    });
  }

  /** Logged out: hang up a live call, release everything, back to `idle` without a panel. */
  private endOnLogout(): void {
    const { phase, call } = this.machine.state();
    if (phase === 'idle') return;
    if (call && phase === 'live') void this.socket.emitWithAck('call:hangup', { callId: call.id });
    if (phase !== 'ended') this.finish(null);
    this.dismiss();
  }

  private clearDismiss(): void {
    if (this.dismissTimer !== null) clearTimeout(this.dismissTimer);
    this.dismissTimer = null;
  }
}
