/** Incoming media of one kind at one moment, summed over its streams (cumulative counters). */
export interface InboundFigures {
  packetsReceived: number;
  packetsLost: number;
  bytesReceived: number;
  /** Seconds, as `getStats` reports it. */
  jitter: number | null;
  /** Video only (0 for audio). */
  framesDecoded: number;
  framesPerSecond: number | null;
  frameWidth: number | null;
  frameHeight: number | null;
}

/** What the other side reported back (RTCP receiver reports) about the video this side sends. */
export interface OutboundVideoFigures {
  packetsSent: number;
  /** Cumulative, from the other side's receiver reports; null before the first one. */
  packetsLost: number | null;
  /** 0..1, over the last receiver report's interval. */
  fractionLost: number | null;
}

/**
 * The figures of one `getStats()` report a call needs: incoming media (is it flowing, how
 * good), the selected candidate pair (round trip, bandwidth, relayed) and the outgoing
 * video's loss as the other side reports it (for adapting what this side sends).
 */
export interface StatsSnapshot {
  /** When it was read, in ms (the RTC layer's clock). */
  at: number;
  audio: InboundFigures | null;
  video: InboundFigures | null;
  outVideo: OutboundVideoFigures | null;
  /** Selected candidate pair's current round-trip time, ms. */
  rttMs: number | null;
  /** The sender's bandwidth estimate on the selected pair, kbps. */
  availableOutgoingKbps: number | null;
  /** The selected pair goes through a TURN relay (either candidate is `relay`); null without one. */
  relayed: boolean | null;
}

/** A stats entry as `getStats` gives it: a record with a `type` and an `id`. */
type Entry = Record<string, unknown> & { type?: unknown; id?: unknown };

/** What `RTCStatsReport` and a `Map` of fixtures both offer. */
export interface StatsLike {
  forEach(callback: (entry: Record<string, unknown>) => void): void;
}

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

function addInbound(into: InboundFigures | null, s: Entry): InboundFigures {
  const base: InboundFigures = into ?? {
    packetsReceived: 0,
    packetsLost: 0,
    bytesReceived: 0,
    jitter: null,
    framesDecoded: 0,
    framesPerSecond: null,
    frameWidth: null,
    frameHeight: null,
  };
  const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
  return {
    packetsReceived: base.packetsReceived + (num(s['packetsReceived']) ?? 0),
    packetsLost: base.packetsLost + Math.max(0, num(s['packetsLost']) ?? 0),
    bytesReceived: base.bytesReceived + (num(s['bytesReceived']) ?? 0),
    jitter: max(base.jitter, num(s['jitter'])),
    framesDecoded: base.framesDecoded + (num(s['framesDecoded']) ?? 0),
    framesPerSecond: max(base.framesPerSecond, num(s['framesPerSecond'])),
    frameWidth: max(base.frameWidth, num(s['frameWidth'])),
    frameHeight: max(base.frameHeight, num(s['frameHeight'])),
  };
}

/** The selected pair: the transport's `selectedCandidatePairId`, else a nominated, succeeded pair. */
function selectedPair(entries: Map<string, Entry>): Entry | undefined {
  for (const s of entries.values()) {
    if (s.type === 'transport' && typeof s['selectedCandidatePairId'] === 'string') {
      const pair = entries.get(s['selectedCandidatePairId']);
      if (pair) return pair;
    }
  }
  for (const s of entries.values()) {
    if (
      s.type === 'candidate-pair' &&
      (s['selected'] === true || (s['nominated'] && s['state'] === 'succeeded'))
    )
      return s;
  }
  return undefined;
}

/** Reads the figures a call needs from one `getStats()` report, taken at `at` ms. */
export function readStats(report: StatsLike, at: number): StatsSnapshot {
  const entries = new Map<string, Entry>();
  report.forEach((s) => entries.set(String(s['id'] ?? entries.size), s as Entry));
  let audio: InboundFigures | null = null;
  let video: InboundFigures | null = null;
  let packetsSent: number | null = null;
  let packetsLost: number | null = null;
  let fractionLost: number | null = null;
  const add = (sum: number | null, value: number | null) =>
    value === null ? sum : (sum ?? 0) + Math.max(0, value);
  for (const s of entries.values()) {
    const kind = s['kind'] ?? s['mediaType'];
    if (s.type === 'inbound-rtp' && kind === 'audio') audio = addInbound(audio, s);
    else if (s.type === 'inbound-rtp' && kind === 'video') video = addInbound(video, s);
    else if (s.type === 'outbound-rtp' && kind === 'video')
      packetsSent = add(packetsSent, num(s['packetsSent']));
    else if (s.type === 'remote-inbound-rtp' && kind === 'video') {
      packetsLost = add(packetsLost, num(s['packetsLost']));
      const fraction = num(s['fractionLost']);
      if (fraction !== null) fractionLost = Math.max(fractionLost ?? 0, fraction);
    }
  }
  const pair = selectedPair(entries);
  const rtt = pair ? num(pair['currentRoundTripTime']) : null;
  const available = pair ? num(pair['availableOutgoingBitrate']) : null;
  let relayed: boolean | null = null;
  if (pair) {
    const types = [pair['localCandidateId'], pair['remoteCandidateId']].map(
      (id) => entries.get(String(id))?.['candidateType'],
    );
    relayed = types.includes('relay');
  }
  return {
    at,
    audio,
    video,
    outVideo: packetsSent === null ? null : { packetsSent, packetsLost, fractionLost },
    rttMs: rtt === null ? null : rtt * 1000,
    availableOutgoingKbps: available === null ? null : available / 1000,
    relayed,
  };
}
