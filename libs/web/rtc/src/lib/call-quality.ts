import type { CallQualityLevel, CallQualitySample } from '@callshop/contracts';
import type { StatsSnapshot } from './stats-snapshot';

/**
 * Where a figure turns the connection fair or poor. From common practice for real-time calls
 * (ITU-T G.114 and the figures WebRTC services publish): under 2 % loss and 300 ms round
 * trip a call is good; from 8 % loss or 600 ms it is poor. Jitter past 30 ms is noticeable
 * and past 100 ms breaks speech up; video under 12 frames a second looks choppy, under 5 a
 * slide show.
 */
export const QUALITY_THRESHOLDS = {
  lossPct: { fair: 2, poor: 8 },
  rttMs: { fair: 300, poor: 600 },
  jitterMs: { fair: 30, poor: 100 },
  /** Lower is worse; only judged while the other side's camera is on. */
  fps: { fair: 12, poor: 5 },
} as const;

/** The words a figure gives as the reason, in the order they win a tie. */
export const QUALITY_REASONS = {
  lossPct: 'High packet loss',
  rttMs: 'Slow connection',
  jitterMs: 'Unstable connection',
  fps: 'Low frame rate',
} as const;

/** How many recent samples one assessment looks at (their median), ~6 s at one per 2 s. */
export const QUALITY_WINDOW = 3;
/** Consecutive poor assessments before audio only is offered: ~10 s at one per 2 s. */
export const AUDIO_ONLY_AFTER_POOR = 5;

/** A level, and the figure that set it when it is not good. */
export interface QualityAssessment {
  level: CallQualityLevel;
  reason: string | null;
}

const round = (value: number, digits = 0) => Number(value.toFixed(digits));
const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));

/**
 * One quality sample from two snapshots of the same connection (`previous` taken about two
 * seconds before `current`): round trip, incoming loss since `previous`, jitter, incoming
 * bitrate, the incoming video's frame rate and size, relayed or not. Null for figures the
 * browser lacks or that need a `previous`.
 */
export function qualitySample(previous: StatsSnapshot | null, current: StatsSnapshot): CallQualitySample {
  const kinds = [current.audio, current.video];
  const before = [previous?.audio, previous?.video];
  let received = 0;
  let lost = 0;
  let bytes = 0;
  kinds.forEach((now, i) => {
    if (!now) return;
    const then = before[i];
    received += Math.max(0, now.packetsReceived - (then?.packetsReceived ?? 0));
    lost += Math.max(0, now.packetsLost - (then?.packetsLost ?? 0));
    bytes += Math.max(0, now.bytesReceived - (then?.bytesReceived ?? 0));
  });
  const seconds = previous ? (current.at - previous.at) / 1000 : 0;
  const jitter = current.audio?.jitter ?? current.video?.jitter ?? null;
  const video = current.video;
  let fps = video?.framesPerSecond ?? null;
  if (fps === null && video && previous?.video && seconds > 0)
    fps = Math.max(0, video.framesDecoded - previous.video.framesDecoded) / seconds;
  return {
    rttMs: current.rttMs === null ? null : round(clamp(current.rttMs, 60_000)),
    lossPct: previous && received + lost > 0 ? round(clamp((lost / (received + lost)) * 100, 100), 1) : null,
    jitterMs: jitter === null ? null : round(clamp(jitter * 1000, 60_000), 1),
    bitrateKbps: previous && seconds > 0 ? round(clamp((bytes * 8) / 1000 / seconds, 1_000_000)) : null,
    fps: fps === null ? null : round(clamp(fps, 240), 1),
    width: video?.frameWidth ?? null,
    height: video?.frameHeight ?? null,
    relayed: current.relayed,
  };
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const RANK: Record<CallQualityLevel, number> = { good: 0, fair: 1, poor: 2 };

/**
 * Good, fair or poor, from the median of each figure over the last {@link QUALITY_WINDOW}
 * samples (one bad moment does not flag a call), with the reason of the worst figure; see
 * {@link QUALITY_THRESHOLDS}. `video`: the other side's camera is on, so a low frame rate
 * counts. Null when no figure is known yet.
 */
export function classifyQuality(
  samples: readonly CallQualitySample[],
  options: { video: boolean } = { video: true },
): QualityAssessment | null {
  const recent = samples.slice(-QUALITY_WINDOW);
  const figure = (key: keyof typeof QUALITY_THRESHOLDS) =>
    median(recent.map((s) => s[key]).filter((v): v is number => v !== null));
  let worst: QualityAssessment | null = null;
  const judge = (key: keyof typeof QUALITY_THRESHOLDS, level: CallQualityLevel) => {
    if (!worst || RANK[level] > RANK[worst.level])
      worst = { level, reason: level === 'good' ? null : QUALITY_REASONS[key] };
  };
  for (const key of ['lossPct', 'rttMs', 'jitterMs'] as const) {
    const value = figure(key);
    if (value === null) continue;
    const { fair, poor } = QUALITY_THRESHOLDS[key];
    judge(key, value >= poor ? 'poor' : value >= fair ? 'fair' : 'good');
  }
  const fps = options.video ? figure('fps') : null;
  if (fps !== null) {
    const { fair, poor } = QUALITY_THRESHOLDS.fps;
    judge('fps', fps < poor ? 'poor' : fps < fair ? 'fair' : 'good');
  }
  return worst;
}

/** Audio only is worth offering once the last {@link AUDIO_ONLY_AFTER_POOR} assessments were all poor. */
export function shouldOfferAudioOnly(levels: readonly (CallQualityLevel | null)[]): boolean {
  const recent = levels.slice(-AUDIO_ONLY_AFTER_POOR);
  return recent.length === AUDIO_ONLY_AFTER_POOR && recent.every((l) => l === 'poor');
}
