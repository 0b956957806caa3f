import { signal } from '@angular/core';
import type { QualityAssessment } from './call-quality';
import type { RemoteMediaState } from './rtc-state';

/**
 * What reaches this device from the other side of the call: its stream, its announced mute
 * and camera state, whether its media flows, and how good the connection is. Part of the RTC
 * service; cleared when the connection is replaced or the call ends.
 */
export class IncomingMedia {
  private readonly streamSignal = signal<MediaStream | null>(null);
  readonly stream = this.streamSignal.asReadonly();
  private readonly announcedSignal = signal<RemoteMediaState>({ audio: true, video: true });
  /** The other side's mute / camera state as they last announced it. */
  readonly announced = this.announcedSignal.asReadonly();
  private readonly flowingSignal = signal(false);
  /** The other side's media reaches this device (frames decoded, audio arriving). */
  readonly flowing = this.flowingSignal.asReadonly();
  private readonly qualitySignal = signal<QualityAssessment | null>(null);
  /** The connection as this device receives it: good, fair or poor, and why. */
  readonly quality = this.qualitySignal.asReadonly();
  private readonly offerAudioOnlySignal = signal(false);
  /** Poor for a while even after sending less video: switching to audio only may help. */
  readonly offerAudioOnly = this.offerAudioOnlySignal.asReadonly();

  constructor(private readonly createStream: (tracks: MediaStreamTrack[]) => MediaStream) {}

  /** A remote track arrived (`track` event). */
  addTrack(event: RTCTrackEvent): void {
    const stream = event.streams[0] ?? this.stream() ?? this.createStream([]);
    if (!stream.getTracks().includes(event.track)) stream.addTrack(event.track);
    if (this.stream() !== stream) this.streamSignal.set(stream);
  }

  announce(state: RemoteMediaState): void {
    this.announcedSignal.set(state);
  }

  setFlowing(flowing: boolean): void {
    this.flowingSignal.set(flowing);
  }

  /** A judged sample; audio only is offered only when `offerable`. */
  assessed(assessment: QualityAssessment | null, offer: boolean): void {
    this.qualitySignal.set(assessment);
    this.offerAudioOnlySignal.set(offer);
  }

  /** Audio only was switched on: no need to offer it. */
  withdrawOffer(): void {
    this.offerAudioOnlySignal.set(false);
  }

  /** A connection went away: its figures go with it; `stream` also stops and drops its tracks. */
  clear({ stream }: { stream: boolean }): void {
    this.flowingSignal.set(false);
    this.qualitySignal.set(null);
    this.offerAudioOnlySignal.set(false);
    if (!stream) return;
    this.stream()
      ?.getTracks()
      .forEach((t) => t.stop());
    this.streamSignal.set(null);
  }

  /** The call is over: everything back to how a new call starts. */
  reset(): void {
    this.clear({ stream: true });
    this.announcedSignal.set({ audio: true, video: true });
  }
}
