import { Injectable, inject } from '@angular/core';
import type { CallBinding, CallDto } from '@callshop/contracts';
import { CallSocket, CallsApi } from '@callshop/web/core';
import { RtcService } from '@callshop/web/rtc';
import { firstValueFrom } from 'rxjs';
import { callLostOutcome, describeOutcome, rejoinFailedOutcome } from './call-outcome';
import { CallStateMachine } from './call-state-machine';
import { LiveCall } from './live-call';

/**
 * Getting a live call back: the rejoin offer after a page reload (`session:ready` names an
 * answered call this page does not hold), the socket's resume after a dropped connection,
 * and the other device going away and coming back. Part of {@link CallManager}.
 */
@Injectable({ providedIn: 'root' })
export class CallResume {
  private readonly machine = inject(CallStateMachine);
  private readonly live = inject(LiveCall);
  private readonly socket = inject(CallSocket);
  private readonly rtc = inject(RtcService);
  private readonly api = inject(CallsApi);

  constructor() {
    // Replayed, like the ringing call: an answered call this page does not hold (reloaded,
    // reopened) is offered to rejoin.
    this.socket.sessionReady$.subscribe(({ activeCall }) => {
      if (activeCall?.status === 'accepted') this.offer(activeCall);
    });
    this.socket.on('call:peer-disconnected').subscribe(({ callId }) => {
      if (!this.machine.isLive(callId)) return;
      this.machine.patch({ peerAway: true });
      this.rtc.peerLeft();
    });
    this.socket.on('call:peer-reconnected').subscribe(({ callId, fresh }) => {
      if (!this.machine.isLive(callId)) return;
      this.machine.patch({ peerAway: false });
      // Its offers were lost while it was away; a reloaded page has a new connection, and so
      // must we.
      this.rtc.peerReturned(fresh === true);
    });
    this.socket.resumed$.subscribe(({ callId, result }) => {
      if (!this.machine.isLive(callId)) return;
      if (result.ok) this.rtc.restartIce();
      else void this.lost(callId, result.error.message);
    });
  }

  /**
   * Takes the call offered after a reload back to this page; call it from the Rejoin click (so
   * the camera prompt and playback are allowed). Media first, then `call:resume` (fresh)
   * re-binds the call to this socket and tells the other device to start a new connection
   * with this page's.
   */
  async rejoin(): Promise<void> {
    const { phase, call, rejoining } = this.machine.state();
    if (phase !== 'rejoin' || !call || rejoining) return;
    this.machine.patch({ rejoining: true, actionError: null });
    const stillOffered = () => this.machine.phase === 'rejoin' && this.machine.call?.id === call.id;
    const giveUp = { event: 'call:hangup', callId: call.id } as const;
    if (!(await this.live.openMedia(call.type, stillOffered, giveUp))) return;
    let binding: CallBinding;
    try {
      // A new page, so a new peer connection: the device that stayed starts one too.
      binding = await this.socket.request('call:resume', { callId: call.id, fresh: true });
    } catch (error) {
      if (stillOffered()) this.live.finish(rejoinFailedOutcome(error)); // else call:ended got there first
      return;
    }
    if (!stillOffered()) return;
    const connectedAt = binding.call.connectedAt ? Date.parse(binding.call.connectedAt) : NaN;
    // Both sides start new connections; the caller's side offers, as at the start of a call.
    await this.live.goLive(binding, Number.isNaN(connectedAt) ? null : connectedAt);
  }

  /**
   * The socket came back but the call could not be re-bound: it most likely ended while this
   * device was cut off (its `call:ended` went nowhere), so ask how, and tell it as the other
   * side was told.
   */
  private async lost(callId: string, message: string): Promise<void> {
    const ended = await firstValueFrom(this.api.get(callId)).catch(() => null);
    if (!this.machine.isLive(callId)) return; // call:ended got here meanwhile
    if (ended && ended.status !== 'accepted' && ended.status !== 'ringing') {
      this.machine.patch({ call: ended });
      this.live.finish(describeOutcome(ended, this.machine.viewer()));
    } else this.live.finish(callLostOutcome(message));
  }

  private offer(call: CallDto): void {
    const { phase } = this.machine.state();
    if (phase !== 'idle' && phase !== 'ended') return; // this page holds a call (a socket resume)
    if (phase === 'ended') this.rtc.reset();
    this.live.begin('rejoin', { call });
  }
}
