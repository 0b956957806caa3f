import { Injectable, computed, inject, signal } from '@angular/core';
import { CallSocket, CallsApi, SocketState } from '@callshop/web/core';
import { RtcConnectionState, RtcService } from '@callshop/web/rtc';
import { telHref } from '@callshop/web/ui';
import { firstValueFrom } from 'rxjs';
import { CallDialer } from './call-dialer';
import { type CallMedia, callMediaOf } from './call-media';
import { counterpartName } from './call-outcome';
import { CallResume } from './call-resume';
import { CallRinging } from './call-ringing';
import {
  CallStateMachine,
  livePhase,
  peerDropped,
  type CallPhase,
  type LiveConditions,
  type PlaceCallRequest,
} from './call-state-machine';
import { liveQualityIndicator, liveStatusLabel, otherSideWord } from './call-status-label';
import { LiveCall } from './live-call';

/** A phone number to reach the other party on, as a `tel:` link. */
export interface CounterpartPhone {
  name: string;
  number: string;
  href: string;
}

/**
 * The call as the UI sees it, for customers and sellers alike, and the only door the call
 * views use: it places, answers, declines, cancels, rejoins and ends calls and turns every
 * final status into an outcome in plain words. The work is done by its parts:
 * {@link CallStateMachine} (state and phase changes), {@link CallDialer} (outgoing),
 * {@link CallRinging} (incoming), {@link LiveCall} (media, negotiation, endings),
 * {@link CallResume} (rejoin after a reload, resume after a dropped connection) and
 * `CallMediaReports` (`call:media`, `call:quality`, `call:connected`).
 */
/** The phases of a call that is on (answered): the ones the in-call view or the mini view shows. */
const LIVE_PHASES: readonly CallPhase[] = ['connecting', 'in-call', 'reconnecting'];

@Injectable({ providedIn: 'root' })
export class CallManager {
  private readonly machine = inject(CallStateMachine);
  private readonly dialer = inject(CallDialer);
  private readonly ringing = inject(CallRinging);
  private readonly live = inject(LiveCall);
  private readonly resume = inject(CallResume);
  private readonly socket = inject(CallSocket);
  private readonly rtc = inject(RtcService);
  private readonly api = inject(CallsApi);

  readonly call = computed(() => this.machine.state().call);
  readonly outcome = computed(() => this.machine.state().outcome);
  readonly request = computed(() => this.machine.state().request);
  readonly connectedAt = computed(() => this.machine.state().connectedAt);
  readonly actionError = computed(() => this.machine.state().actionError);
  readonly peerAway = computed(() => this.machine.state().peerAway);
  readonly rejoining = computed(() => this.machine.state().rejoining);
  readonly viewer = this.machine.viewer;
  /** A call is under way on this device (new calls cannot start). */
  readonly busy = this.machine.busy;
  /** The call's streams, mute and camera state and devices, for the in-call view. */
  readonly media: CallMedia = callMediaOf(this.rtc);
  /** The call the user shrank to the mini view (a new call starts full size). */
  private readonly minimizedCall = signal<string | null>(null);
  /**
   * The live call is shrunk to the mini view (the other side's video, mute, hang up) while
   * the user goes on using the app; only while the call is live, never before or after.
   */
  readonly minimized = computed(
    () =>
      LIVE_PHASES.includes(this.phase()) &&
      this.minimizedCall() !== null &&
      this.minimizedCall() === this.call()?.id,
  );

  /** What a live call's phase is made of. */
  private readonly conditions = computed<LiveConditions>(() => {
    const { peerAway, peerInterrupted, connectedAt } = this.machine.state();
    return {
      media: this.rtc.state(),
      flowing: this.rtc.incomingFlowing(),
      socketUp: this.socket.state() === SocketState.Connected,
      peerAway,
      peerInterrupted,
      connectedAt,
    };
  });

  readonly phase = computed<CallPhase>(() => {
    const { phase } = this.machine.state();
    return phase === 'live' ? livePhase(this.conditions()) : phase;
  });

  /** The call's media connection is up (ICE connected), whether or not frames flow yet. */
  readonly mediaConnected = computed(() => this.rtc.state() === RtcConnectionState.Connected);

  /** Reconnecting because the other side's connection dropped (its device or its media), not ours. */
  readonly peerDropped = computed(() => this.phase() === 'reconnecting' && peerDropped(this.conditions()));
  /** The other party in a sentence: "the seller", "support", "the customer". */
  readonly otherSide = computed(() => otherSideWord(this.viewer(), this.machine.state().call));
  /** The connection quality indicator of the live call (see {@link liveQualityIndicator}). */
  readonly quality = computed(() =>
    liveQualityIndicator(
      { phase: this.phase(), peerDropped: this.peerDropped(), otherSide: this.otherSide() },
      this.rtc.quality(),
    ),
  );

  /** The live call's status line at `now` (epoch ms), e.g. "In call · 1:05". */
  statusText(now: number): string {
    const since = this.connectedAt();
    return liveStatusLabel({
      phase: this.phase(),
      peerDropped: this.peerDropped(),
      otherSide: this.otherSide(),
      talkSeconds: since === null ? null : Math.max(0, (now - since) / 1000),
    });
  }

  /** Name of the other party: the shop for a customer, the customer for a seller. */
  readonly counterpart = computed(() => {
    const { call, request } = this.machine.state();
    return call ? counterpartName(call, this.viewer()) : (request?.displayName ?? '');
  });

  /** Places a call from a click (so the browser allows the camera prompt and playback). */
  placeCall(request: PlaceCallRequest): Promise<void> {
    return this.dialer.placeCall(request);
  }

  /** Same call again, audio only (after a camera problem). */
  retryAudioOnly(): Promise<void> {
    return this.dialer.retryAudioOnly();
  }

  /** Stops an outgoing call before it is answered. */
  cancel(): Promise<void> {
    return this.dialer.cancel();
  }

  /** Answers the ringing call on this device; call it from the Accept click. */
  accept(): Promise<void> {
    return this.ringing.accept();
  }

  decline(): Promise<void> {
    return this.ringing.decline();
  }

  /** Takes the call offered after a reload back to this page; call it from the Rejoin click. */
  rejoin(): Promise<void> {
    return this.resume.rejoin();
  }

  /** Ends the live call, or the call offered to rejoin after a reload. */
  /** Shrinks the live call to the mini view, so the page behind can be used. */
  minimizeCall(): void {
    if (LIVE_PHASES.includes(this.phase())) this.minimizedCall.set(this.call()?.id ?? null);
  }

  /** Back to the full call view. */
  restoreCall(): void {
    this.minimizedCall.set(null);
  }

  hangup(): Promise<void> {
    return this.live.hangup();
  }

  /** Closes the end-of-call panel. */
  dismiss(): void {
    this.live.dismiss();
  }

  /**
   * The other party's phone, when there is one to fall back to after a call the network kept
   * from connecting: the shop's number for a customer, the customer's (if they gave one) for
   * the shop.
   */
  async counterpartPhone(): Promise<CounterpartPhone | null> {
    const call = this.call();
    if (!call) return null;
    try {
      const shopSide = this.viewer() === 'shop';
      const number = shopSide
        ? (await firstValueFrom(this.api.contacts())).find((c) => c.customer.id === call.customer.id)
            ?.phoneNumber
        : (await firstValueFrom(this.api.sellerInfo(call.shop.id))).phoneNumber;
      const href = telHref(number);
      return href && number ? { name: this.counterpart(), number, href } : null;
    } catch {
      return null;
    }
  }
}
