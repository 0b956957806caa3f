import { Injectable, inject } from '@angular/core';
import type { CallBinding, CallDto } from '@callshop/contracts';
import { AuthSession, CallSocket } from '@callshop/web/core';
import { RtcService } from '@callshop/web/rtc';
import { CallNotifier } from './call-notifier.service';
import {
  acceptFailedOutcome,
  answeredElsewhereOutcome,
  counterpartName,
  declinedByYouOutcome,
  describeOutcome,
  isCaller,
} from './call-outcome';
import { CallStateMachine } from './call-state-machine';
import { LiveCall } from './live-call';
import { Ringtone } from './ringtone.service';

/**
 * Incoming calls: rings (sound and a system notification), answers from the Accept click,
 * declines, and stops when another device or staff member answered. Part of
 * {@link CallManager}.
 */
@Injectable({ providedIn: 'root' })
export class CallRinging {
  private readonly machine = inject(CallStateMachine);
  private readonly live = inject(LiveCall);
  private readonly socket = inject(CallSocket);
  private readonly session = inject(AuthSession);
  private readonly ringtone = inject(Ringtone);
  private readonly notifier = inject(CallNotifier);
  private readonly rtc = inject(RtcService);

  constructor() {
    this.socket.on('call:incoming').subscribe(({ call }) => this.ring(call));
    // Replayed: the call UI may load after the socket connected (the storefront defers it).
    // A call still ringing for us when this tab opens rings here too.
    this.socket.sessionReady$.subscribe(({ activeCall }) => {
      if (activeCall?.status === 'ringing' && !isCaller(activeCall, this.machine.viewer()))
        this.ring(activeCall);
    });
    // Declined on another of this user's devices: the call rings on for colleagues, not here.
    this.socket.on('call:ring-stopped').subscribe(({ callId }) => {
      const { phase, call } = this.machine.state();
      if (call?.id !== callId || phase !== 'incoming') return;
      this.live.finish(declinedByYouOutcome(), { autoDismiss: true });
    });
    this.socket.on('call:answered-elsewhere').subscribe(({ callId, answeredBy }) => {
      const { phase, call } = this.machine.state();
      if (call?.id !== callId || (phase !== 'incoming' && phase !== 'accepting')) return;
      this.live.finish(answeredElsewhereOutcome(answeredBy, this.session.user()?.id), { autoDismiss: true });
    });
  }

  /** Answers the ringing call on this device; call it from the Accept click. */
  async accept(): Promise<void> {
    const { phase, call } = this.machine.state();
    if (phase !== 'incoming' || !call) return;
    this.ringtone.stop();
    this.notifier.close();
    this.machine.setPhase('accepting');
    // Camera and microphone already allowed: nothing will prompt, so take the call while they
    // open. Otherwise it keeps ringing for the other staff while this one answers the prompt.
    if (this.rtc.mediaAllowedWithoutPrompt(call.type)) return this.acceptWhileMediaOpens(call);
    const accepting = () => this.machine.phase === 'accepting';
    const giveUp = { event: 'call:decline', callId: call.id } as const;
    if (!(await this.live.openMedia(call.type, accepting, giveUp))) return;
    try {
      const binding = await this.socket.request('call:accept', { callId: call.id });
      void this.live.goLive(binding);
    } catch (error) {
      if (!accepting()) return; // call:accepted or call:ended got there first
      this.live.finish(acceptFailedOutcome(error));
    }
  }

  private async acceptWhileMediaOpens(call: CallDto): Promise<void> {
    const ours = () =>
      this.machine.call?.id === call.id &&
      (this.machine.phase === 'accepting' || this.machine.phase === 'live');
    const media = this.live.openMedia(call.type, ours);
    let binding: CallBinding;
    try {
      binding = await this.socket.request('call:accept', { callId: call.id });
    } catch (error) {
      if (this.machine.phase === 'accepting') this.live.finish(acceptFailedOutcome(error));
      return;
    }
    if (!(await media)) {
      // Taken, but the devices failed after all (the call ended saying why): end it for both.
      void this.socket.emitWithAck('call:hangup', { callId: call.id });
      return;
    }
    void this.live.goLive(binding);
  }

  async decline(): Promise<void> {
    const { phase, call } = this.machine.state();
    if (phase !== 'incoming' || !call) return;
    this.ringtone.stop();
    const ack = await this.socket.emitWithAck('call:decline', { callId: call.id });
    if (this.machine.call?.id !== call.id || this.machine.phase !== 'incoming') return;
    // Declined by this user: true for them whether the call now ended or rings on for colleagues.
    this.live.finish(
      ack.ok && ack.call.status !== 'ringing'
        ? describeOutcome(ack.call, this.machine.viewer())
        : declinedByYouOutcome(),
      { autoDismiss: true },
    );
  }

  private ring(call: CallDto): void {
    const { phase } = this.machine.state();
    if (phase !== 'idle' && phase !== 'ended') return; // busy here: the server handles "busy"
    if (this.machine.call?.id === call.id) return;
    this.live.begin('incoming', { call });
    this.ringtone.start();
    const from = counterpartName(call, this.machine.viewer());
    const about = call.product ? ` about ${call.product.name}` : '';
    this.notifier.notify(call.id, `Incoming ${call.type} call`, `${from} is calling${about}.`);
  }
}
