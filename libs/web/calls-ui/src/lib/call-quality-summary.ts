import type { CallDto, CallQualityLevel, CallQualitySample, CallSideQuality } from '@callshop/contracts';
import { classifyQuality } from '@callshop/web/rtc';

/** One side's figures over a call, in words: what that side's device received. */
export interface CallQualitySideView {
  /** "Customer" or "Shop". */
  label: string;
  level: CallQualityLevel | null;
  reason: string | null;
  route: 'relayed' | 'direct';
  /** "Round trip 45 ms (worst 120 ms), loss 0.2 % (worst 3 %), …" */
  figures: string;
  samples: number;
}

/** A finished call's connection quality, as a history shows it. */
export interface CallQualityView {
  /** The worse side's level and reason, and whether any side went through a relay, in a line. */
  headline: string;
  level: CallQualityLevel | null;
  sides: CallQualitySideView[];
}

const LEVEL_WORDS: Record<CallQualityLevel, string> = { good: 'Good', fair: 'Fair', poor: 'Poor' };
const RANK: Record<CallQualityLevel, number> = { good: 0, fair: 1, poor: 2 };

const n = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/** The figures of one side: each median with its worst value, where the browser had them. */
function describeFigures(median: CallQualitySample, worst: CallQualitySample): string {
  const parts: string[] = [];
  const pair = (label: string, m: number | null, w: number | null, unit: string, worstWord = 'worst') => {
    if (m === null) return;
    const tail = w !== null && w !== m ? ` (${worstWord} ${n(w)}${unit})` : '';
    parts.push(`${label} ${n(m)}${unit}${tail}`);
  };
  pair('round trip', median.rttMs, worst.rttMs, ' ms');
  pair('loss', median.lossPct, worst.lossPct, ' %');
  pair('jitter', median.jitterMs, worst.jitterMs, ' ms');
  pair('received', median.bitrateKbps, worst.bitrateKbps, ' kbps', 'lowest');
  pair('video', median.fps, worst.fps, ' fps', 'lowest');
  if (median.width !== null && median.height !== null) parts.push(`${median.width}×${median.height}`);
  const text = parts.join(', ');
  return text ? text[0].toUpperCase() + text.slice(1) : 'No figures';
}

/**
 * A finished call's quality summary in words for a call history: per side (what the
 * customer's and the shop's device received), the level its median figures give
 * ({@link classifyQuality}), the medians with their worst values, relayed or direct; and a
 * headline with the worse side. Null when neither side reported figures.
 */
export function describeCallQuality(
  call: Pick<CallDto, 'initiatedBy' | 'quality' | 'type'>,
): CallQualityView | null {
  const summary = call.quality;
  if (!summary) return null;
  const customerIsCaller = call.initiatedBy === 'customer';
  const entries: [string, CallSideQuality | null][] = [
    ['Customer', customerIsCaller ? summary.caller : summary.callee],
    ['Shop', customerIsCaller ? summary.callee : summary.caller],
  ];
  const sides: CallQualitySideView[] = [];
  for (const [label, side] of entries) {
    if (!side || side.samples === 0) continue;
    const assessment = classifyQuality([side.median], { video: call.type === 'video' });
    sides.push({
      label,
      level: assessment?.level ?? null,
      reason: assessment?.reason ?? null,
      route: side.relayed ? 'relayed' : 'direct',
      figures: describeFigures(side.median, side.worst),
      samples: side.samples,
    });
  }
  if (!sides.length) return null;
  const worse = sides.reduce<CallQualitySideView | null>(
    (acc, s) => (s.level && (!acc?.level || RANK[s.level] > RANK[acc.level]) ? s : acc),
    null,
  );
  const route = sides.some((s) => s.route === 'relayed') ? 'relayed' : 'direct';
  const level = worse?.level ?? null;
  const words = level
    ? `${LEVEL_WORDS[level]}${worse?.reason ? ` (${worse.reason.toLowerCase()})` : ''}`
    : 'Unknown';
  return { headline: `Connection: ${words} · ${route}`, level, sides };
}
