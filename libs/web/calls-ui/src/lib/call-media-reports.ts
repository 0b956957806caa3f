import { Injectable, InjectionToken, effect, inject, untracked } from '@angular/core';
import type { CallDto, CallQualitySample } from '@callshop/contracts';
import { CallSocket, SocketState } from '@callshop/web/core';
import { RtcService } from '@callshop/web/rtc';
import { CallStateMachine } from './call-state-machine';

/** How long to wait before telling the server again when a `call:media` was not acknowledged. */
export const MEDIA_REPORT_RETRY_MS = new InjectionToken<number>('MEDIA_REPORT_RETRY_MS', {
  providedIn: 'root',
  factory: () => 2000,
});

/**
 * What this device tells the server about the call's media, and what it learns back: whether
 * the other side's media reaches it (`call:media`, on every change, again until
 * acknowledged), the quality samples the RTC layer takes (`call:quality`), and the moment the
 * call connected (`call:connected`, both sides flowing), from which the timer counts talk
 * time. Part of {@link CallManager}.
 */
@Injectable({ providedIn: 'root' })
export class CallMediaReports {
  private readonly machine = inject(CallStateMachine);
  private readonly socket = inject(CallSocket);
  private readonly rtc = inject(RtcService);
  private readonly retryMs = inject(MEDIA_REPORT_RETRY_MS);

  /**
   * What the server holds for this device's side: the last report it acknowledged. A new
   * call, and a side that started a new connection, start from not flowing.
   */
  private told: { callId: string; flowing: boolean } | null = null;
  private sending = false;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    effect(() => {
      // Any of these changing may mean the server should hear something new.
      this.rtc.incomingFlowing();
      this.machine.state();
      this.socket.state();
      untracked(() => void this.sync());
    });
    this.socket.on('call:connected').subscribe(({ call }) => this.connected(call));
    this.socket.resumed$.subscribe(({ callId, result }) => {
      if (!result.ok || !this.machine.isLive(callId)) return;
      // A call:connected sent while the socket was away is in the call the resume returns.
      this.connected(result.call);
      void this.sync();
    });
  }

  /** This side started a new connection (`call:resume` fresh): the server counts its media as stopped. */
  restarted(callId: string): void {
    this.told = { callId, flowing: false };
    void this.sync();
  }

  /** Sends a quality sample of the live call (the server keeps one per side every 1.5 s). */
  sendQuality(callId: string, sample: CallQualitySample): void {
    if (this.machine.isLive(callId) && this.socket.state() === SocketState.Connected)
      void this.socket.emitWithAck('call:quality', { callId, sample });
  }

  /** The call connected: the timer counts from now (the moment both sides' media flowed). */
  private connected(call: CallDto): void {
    const { phase, call: current, connectedAt } = this.machine.state();
    if (phase !== 'live' || current?.id !== call.id || !call.connectedAt) return;
    this.machine.patch({
      call: { ...current, connectedAt: call.connectedAt },
      connectedAt: connectedAt ?? Date.now(),
    });
  }

  /** Tells the server when this device's incoming media differs from what it last acknowledged. */
  private async sync(): Promise<void> {
    const { phase, call } = this.machine.state();
    if (phase !== 'live' || !call) {
      this.clearRetry();
      return;
    }
    if (this.sending || this.socket.state() !== SocketState.Connected) return;
    const flowing = this.rtc.incomingFlowing();
    const told = this.told?.callId === call.id ? this.told.flowing : false;
    if (flowing === told) return;
    this.sending = true;
    this.clearRetry();
    const ack = await this.socket.emitWithAck('call:media', { callId: call.id, flowing });
    this.sending = false;
    if (ack.ok) {
      this.told = { callId: call.id, flowing };
      void this.sync(); // it may have changed meanwhile
    } else if (this.machine.isLive(call.id)) {
      this.retry = setTimeout(() => {
        this.retry = null;
        void this.sync();
      }, this.retryMs);
    }
  }

  private clearRetry(): void {
    if (this.retry !== null) clearTimeout(this.retry);
    this.retry = null;
  }
}
