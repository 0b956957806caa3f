import { InjectionToken } from '@angular/core';
import type { CallQualityLevel, CallQualitySample } from '@callshop/contracts';
import { type QualityAssessment, classifyQuality, qualitySample, shouldOfferAudioOnly } from './call-quality';
import { MEDIA_STALL_MS, MediaFlowDetector } from './media-flow';
import type { RtcTimers } from './rtc-tokens';
import {
  type SenderConditions,
  applyAdaptationStep,
  nextAdaptationStep,
  senderConditions,
} from './sender-adaptation';
import { type StatsSnapshot, readStats } from './stats-snapshot';

/** How often the call's statistics are read, sampled and reported. */
export interface CallStatsConfig {
  /** `getStats()` for media flow, ms. */
  pollMs: number;
  /** A quality sample (and adaptation) every, ms. */
  sampleMs: number;
  /** A sample reported to the server every, ms. */
  reportMs: number;
  /** No incoming progress for this long: media stopped. */
  stallMs: number;
}

export const CALL_STATS_CONFIG = new InjectionToken<CallStatsConfig>('CALL_STATS_CONFIG', {
  providedIn: 'root',
  factory: () => ({ pollMs: 1000, sampleMs: 2000, reportMs: 5000, stallMs: MEDIA_STALL_MS }),
});

/** What the monitor tells the RTC service. */
export interface CallStatsHooks {
  /** Incoming media started or stopped flowing (changes only). */
  flowing(flowing: boolean): void;
  /** A quality sample every `sampleMs`, judged, and whether audio only is worth offering. */
  assessed(assessment: QualityAssessment | null, offerAudioOnly: boolean): void;
  /** A sample to send to the server, every `reportMs`. */
  report(sample: CallQualitySample): void;
  /** The other side's camera is on (a low frame rate counts), and whether this side pauses its video. */
  context(): { video: boolean; videoPaused: boolean };
}

/**
 * Reads one peer connection's statistics on a timer: decides whether the other side's media
 * flows ({@link MediaFlowDetector}), takes a quality sample every `sampleMs` and judges it
 * ({@link classifyQuality}), steps this side's video down and back up as its link allows
 * ({@link nextAdaptationStep}), and hands a sample to report every `reportMs`.
 */
export class CallStatsMonitor {
  private readonly flow: MediaFlowDetector;
  private running = false;
  private timer: unknown = null;
  private lastSampleSnapshot: StatsSnapshot | null = null;
  private lastReportAt: number | null = null;
  private samples: CallQualitySample[] = [];
  private levels: (CallQualityLevel | null)[] = [];
  private conditions: SenderConditions[] = [];
  private step = 0;
  private applied: { step: number; paused: boolean } | null = null;

  constructor(
    private readonly pc: RTCPeerConnection,
    private readonly timers: RtcTimers,
    private readonly config: CallStatsConfig,
    private readonly hooks: CallStatsHooks,
  ) {
    this.flow = new MediaFlowDetector(config.stallMs);
  }

  /** The video step being sent (0: full quality). */
  get adaptationStep(): number {
    return this.step;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Applies the current step at once, e.g. after audio only was switched on or off. */
  async refreshSenders(): Promise<void> {
    await this.adapt(true);
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.tick().finally(() => this.schedule());
    }, this.config.pollMs);
  }

  private async tick(): Promise<void> {
    let report: RTCStatsReport;
    try {
      report = await this.pc.getStats();
    } catch {
      return; // closed meanwhile
    }
    if (!this.running) return;
    const snapshot = readStats(report, this.timers.now());
    const was = this.flow.flowing;
    const flowing = this.flow.update(snapshot, this.pc.connectionState === 'connected');
    if (flowing !== was) this.hooks.flowing(flowing);

    // Half a poll of slack, so a timer that fires a little early does not skip a sample.
    const slack = this.config.pollMs / 2;
    const previous = this.lastSampleSnapshot;
    if (!previous || snapshot.at - previous.at >= this.config.sampleMs - slack) {
      this.lastSampleSnapshot = snapshot;
      if (previous) await this.sample(previous, snapshot, flowing);
    }
    const latest = this.samples.at(-1);
    if (!latest || this.pc.connectionState !== 'connected') return;
    if (this.lastReportAt === null || snapshot.at - this.lastReportAt >= this.config.reportMs - slack) {
      this.lastReportAt = snapshot.at;
      this.hooks.report(latest);
    }
  }

  /** A quality sample: judged, and what this side sends adapted to it. */
  private async sample(previous: StatsSnapshot, snapshot: StatsSnapshot, flowing: boolean): Promise<void> {
    const sample = qualitySample(previous, snapshot);
    this.samples = [...this.samples, sample].slice(-10);
    const context = this.hooks.context();
    const assessment = flowing ? classifyQuality(this.samples, { video: context.video }) : null;
    this.levels = [...this.levels, assessment?.level ?? null].slice(-10);
    this.hooks.assessed(assessment, shouldOfferAudioOnly(this.levels));

    this.conditions = [...this.conditions, senderConditions(previous, snapshot)].slice(-10);
    const next = nextAdaptationStep(this.step, this.conditions);
    if (next !== this.step) {
      this.step = next;
      this.conditions = [];
    }
    await this.adapt(false);
  }

  /** Sets the senders' parameters when the step or the pause changed (or the last try did not take). */
  private async adapt(force: boolean): Promise<void> {
    const paused = this.hooks.context().videoPaused;
    if (!force && this.applied?.step === this.step && this.applied.paused === paused) return;
    const ok = await applyAdaptationStep(this.pc, this.step, paused);
    this.applied = ok ? { step: this.step, paused } : null;
  }
}
