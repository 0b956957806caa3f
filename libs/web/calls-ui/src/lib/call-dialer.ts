import { Injectable, inject } from '@angular/core';
import type { CallDto } from '@callshop/contracts';
import { CallSocket, CallsApi, describeError } from '@callshop/web/core';
import { RtcService } from '@callshop/web/rtc';
import { firstValueFrom } from 'rxjs';
import { cancelledOutcome, describeOutcome, startFailedOutcome } from './call-outcome';
import { CallStateMachine, type PlaceCallRequest } from './call-state-machine';
import { LiveCall } from './live-call';

/**
 * Outgoing calls: places them (media first, from the click, then `call:initiate` on the
 * signaling socket, which becomes the call's device), retries audio-only, cancels them while
 * they ring. Part of {@link CallManager}.
 */
@Injectable({ providedIn: 'root' })
export class CallDialer {
  private readonly machine = inject(CallStateMachine);
  private readonly live = inject(LiveCall);
  private readonly socket = inject(CallSocket);
  private readonly api = inject(CallsApi);
  private readonly rtc = inject(RtcService);

  /** Places a call from a click (so the browser allows the camera prompt and playback). */
  async placeCall(request: PlaceCallRequest): Promise<void> {
    if (this.machine.busy()) return;
    this.live.begin('preparing', { request });
    const preparing = () => this.machine.phase === 'preparing';
    // Camera and microphone already allowed: nothing will prompt, so the call is placed while
    // they open. Otherwise it is placed once they are open (a refusal rings nobody). No call
    // exists yet, so nothing to give up on the server when they fail here.
    const inParallel = this.rtc.mediaAllowedWithoutPrompt(request.type);
    const media = this.live.openMedia(request.type, preparing);
    if (!inParallel && !(await media)) return;
    try {
      await this.socket.whenConnected();
    } catch (error) {
      if (preparing()) this.live.finish(startFailedOutcome(error));
      return;
    }
    if (!preparing()) return; // cancelled while connecting
    let call: CallDto;
    try {
      // Over the signaling socket (the same rules and answer as POST /video-call/initiate, one
      // round trip less); this socket becomes the call's device.
      ({ call } = await this.socket.request('call:initiate', {
        sellerId: request.sellerId,
        productId: request.productId,
        customerId: request.customerId,
        ...(request.callbackRequestId ? { callbackRequestId: request.callbackRequestId } : {}),
        ...(request.appointmentId ? { appointmentId: request.appointmentId } : {}),
        type: request.type,
      }));
    } catch (error) {
      if (preparing()) this.live.finish(startFailedOutcome(error));
      return;
    }
    if (!preparing()) {
      // Cancelled while the request was in flight: the call exists now, so cancel it.
      if (call.status === 'ringing') void this.socket.emitWithAck('call:cancel', { callId: call.id });
      return;
    }
    if (call.status !== 'ringing') {
      this.machine.patch({ call });
      this.live.finish(describeOutcome(call, this.machine.viewer()));
      return;
    }
    if (!(await media)) {
      // The devices failed after all (the call ended saying why): it must not ring on.
      void this.socket.emitWithAck('call:cancel', { callId: call.id });
      return;
    }
    this.machine.setPhase('outgoing', { call });
    this.live.negotiateWhileRinging(call);
  }

  /** Same call again, audio only (after a camera problem). */
  retryAudioOnly(): Promise<void> {
    const request = this.machine.state().request;
    if (!request) return Promise.resolve();
    this.live.dismiss();
    return this.placeCall({ ...request, type: 'audio' });
  }

  /** Stops an outgoing call before it is answered. */
  async cancel(): Promise<void> {
    const { phase, call } = this.machine.state();
    if (phase === 'preparing') {
      this.live.finish(cancelledOutcome(), { autoDismiss: true });
      return;
    }
    if (phase !== 'outgoing' || !call) return;
    const ack = await this.socket.emitWithAck('call:cancel', { callId: call.id });
    if (this.machine.call?.id !== call.id || this.machine.phase !== 'outgoing') return;
    if (ack.ok) {
      this.live.finish(describeOutcome(ack.call, this.machine.viewer()), { autoDismiss: true });
      return;
    }
    try {
      const cancelled = await firstValueFrom(this.api.cancel(call.id));
      if (this.machine.phase === 'outgoing')
        this.live.finish(describeOutcome(cancelled, this.machine.viewer()), { autoDismiss: true });
    } catch (error) {
      this.machine.patch({ actionError: describeError(error, 'The call could not be cancelled.') });
    }
  }
}
