import type { StatsSnapshot } from './stats-snapshot';

/** What this side's video sender is allowed at one step (RTCRtpEncodingParameters). */
export interface AdaptationStep {
  scaleResolutionDownBy: number;
  maxFramerate: number;
  /** Bits per second. */
  maxBitrate: number;
}

/** From the camera's full picture down to a small, slow one that still gets through. */
export const ADAPTATION_STEPS: readonly AdaptationStep[] = [
  { scaleResolutionDownBy: 1, maxFramerate: 30, maxBitrate: 1_500_000 },
  { scaleResolutionDownBy: 1.5, maxFramerate: 24, maxBitrate: 800_000 },
  { scaleResolutionDownBy: 2, maxFramerate: 15, maxBitrate: 400_000 },
  { scaleResolutionDownBy: 4, maxFramerate: 10, maxBitrate: 150_000 },
];

/**
 * When to step: down one step after {@link STEP_DOWN_AFTER} strained samples in a row (loss
 * of what this side sends at least 5 %, as the other side reports it, or a bandwidth
 * estimate under 250 kbps), up one step after {@link STEP_UP_AFTER} clear ones (loss under
 * 2 % and the estimate, when known, at least 60 % of the next step's bitrate). At one sample
 * per 2 s that is 6 s to step down and 10 s to step up.
 */
export const ADAPTATION_RULES = {
  strainedLossPct: 5,
  lowBandwidthKbps: 250,
  clearLossPct: 2,
  headroom: 0.6,
} as const;
export const STEP_DOWN_AFTER = 3;
export const STEP_UP_AFTER = 5;

/** How the video this side sends is getting through, between two snapshots. */
export interface SenderConditions {
  /** Of the video packets sent since the last sample, the share the other side lost, %. */
  lossPct: number | null;
  availableKbps: number | null;
}

/** Sender conditions between two snapshots (the other side's receiver reports, the bandwidth estimate). */
export function senderConditions(previous: StatsSnapshot | null, current: StatsSnapshot): SenderConditions {
  const now = current.outVideo;
  const then = previous?.outVideo;
  let lossPct: number | null = null;
  if (now && then && now.packetsLost !== null && then.packetsLost !== null) {
    const sent = now.packetsSent - then.packetsSent;
    const lost = Math.max(0, now.packetsLost - then.packetsLost);
    if (sent > 0) lossPct = Math.min(100, (lost / (sent + lost)) * 100);
  }
  if (lossPct === null && now?.fractionLost != null) lossPct = now.fractionLost * 100;
  return { lossPct, availableKbps: current.availableOutgoingKbps };
}

const strained = (c: SenderConditions) =>
  (c.lossPct !== null && c.lossPct >= ADAPTATION_RULES.strainedLossPct) ||
  (c.availableKbps !== null && c.availableKbps < ADAPTATION_RULES.lowBandwidthKbps);

/**
 * The step to send at next, from the current one and the conditions since the last change
 * (newest last; the caller clears them when the step changes, so each change needs a fresh
 * run of samples). Pure.
 */
export function nextAdaptationStep(step: number, since: readonly SenderConditions[]): number {
  const last = (n: number) => (since.length >= n ? since.slice(-n) : null);
  const down = last(STEP_DOWN_AFTER);
  if (down?.every(strained) && step < ADAPTATION_STEPS.length - 1) return step + 1;
  const up = last(STEP_UP_AFTER);
  if (up && step > 0) {
    const need = (ADAPTATION_STEPS[step - 1].maxBitrate / 1000) * ADAPTATION_RULES.headroom;
    const clear = up.every(
      (c) =>
        (c.lossPct === null || c.lossPct < ADAPTATION_RULES.clearLossPct) &&
        (c.availableKbps === null || c.availableKbps >= need),
    );
    if (clear) return step - 1;
  }
  return step;
}

/**
 * Applies a step to the connection's senders with `setParameters` (no renegotiation): the
 * video encodings get the step's resolution, frame rate and bitrate (`active: false` while
 * `videoPaused`, for audio only), `degradationPreference: 'balanced'`; the audio encodings get
 * `priority` / `networkPriority: 'high'`, so speech goes first when the link is short.
 * Resolves false when the senders have no encodings yet (before negotiation), to try again.
 */
export async function applyAdaptationStep(
  pc: Pick<RTCPeerConnection, 'getSenders'>,
  step: number,
  videoPaused: boolean,
): Promise<boolean> {
  const settings = ADAPTATION_STEPS[Math.min(Math.max(step, 0), ADAPTATION_STEPS.length - 1)];
  let applied = true;
  for (const sender of pc.getSenders()) {
    const kind = sender.track?.kind;
    if (kind !== 'audio' && kind !== 'video') continue;
    const params = sender.getParameters() as RTCRtpSendParameters & { degradationPreference?: string };
    if (!params.encodings?.length) {
      applied = false;
      continue;
    }
    for (const encoding of params.encodings) {
      if (kind === 'audio') {
        encoding.priority = 'high';
        encoding.networkPriority = 'high';
      } else {
        encoding.active = !videoPaused;
        encoding.scaleResolutionDownBy = settings.scaleResolutionDownBy;
        encoding.maxFramerate = settings.maxFramerate;
        encoding.maxBitrate = settings.maxBitrate;
      }
    }
    if (kind === 'video') params.degradationPreference = 'balanced';
    if (!(await setParameters(sender, params))) applied = false;
  }
  return applied;
}

/** `setParameters`, and again without the fields some browsers refuse (they keep their own choice). */
async function setParameters(
  sender: RTCRtpSender,
  params: RTCRtpSendParameters & { degradationPreference?: string },
): Promise<boolean> {
  try {
    await sender.setParameters(params);
    return true;
  } catch {
    delete params.degradationPreference;
    for (const encoding of params.encodings) {
      delete encoding.priority;
      delete encoding.networkPriority;
    }
    try {
      await sender.setParameters(params);
      return true;
    } catch {
      return false;
    }
  }
}
