/* getStats() reports as Chromium gives them, built from the few figures a test cares about. */

export interface StatsFixture {
  audioPackets?: number;
  audioLost?: number;
  audioBytes?: number;
  /** Seconds. */
  jitter?: number;
  videoPackets?: number;
  videoLost?: number;
  videoBytes?: number;
  frames?: number;
  fps?: number;
  width?: number;
  height?: number;
  /** Selected pair, seconds. */
  rtt?: number;
  /** Bits per second. */
  available?: number;
  local?: 'host' | 'srflx' | 'prflx' | 'relay';
  remote?: 'host' | 'srflx' | 'prflx' | 'relay';
  /** Outgoing video packets, and what the other side reported lost of them. */
  sent?: number;
  remoteLost?: number;
  fractionLost?: number;
  /** No selected pair (still connecting). */
  noPair?: boolean;
}

export type StatsEntry = Record<string, unknown>;

/** The entries of one report; only the figures given are present. */
export function statsEntries(f: StatsFixture): StatsEntry[] {
  const entries: StatsEntry[] = [{ id: 'COT01', type: 'codec', mimeType: 'video/VP8' }];
  if (!f.noPair) {
    entries.push(
      { id: 'T01', type: 'transport', selectedCandidatePairId: 'CP1', dtlsState: 'connected' },
      {
        id: 'CP1',
        type: 'candidate-pair',
        state: 'succeeded',
        nominated: true,
        localCandidateId: 'L1',
        remoteCandidateId: 'R1',
        ...(f.rtt !== undefined && { currentRoundTripTime: f.rtt }),
        ...(f.available !== undefined && { availableOutgoingBitrate: f.available }),
      },
      { id: 'CP2', type: 'candidate-pair', state: 'failed', localCandidateId: 'L2', remoteCandidateId: 'R1' },
      { id: 'L1', type: 'local-candidate', candidateType: f.local ?? 'host' },
      { id: 'L2', type: 'local-candidate', candidateType: 'relay' },
      { id: 'R1', type: 'remote-candidate', candidateType: f.remote ?? 'host' },
    );
  }
  if (f.audioPackets !== undefined)
    entries.push({
      id: 'IA',
      type: 'inbound-rtp',
      kind: 'audio',
      packetsReceived: f.audioPackets,
      packetsLost: f.audioLost ?? 0,
      bytesReceived: f.audioBytes ?? f.audioPackets * 100,
      jitter: f.jitter ?? 0.005,
      totalSamplesReceived: f.audioPackets * 960,
    });
  if (f.videoPackets !== undefined || f.frames !== undefined)
    entries.push({
      id: 'IV',
      type: 'inbound-rtp',
      kind: 'video',
      packetsReceived: f.videoPackets ?? 0,
      packetsLost: f.videoLost ?? 0,
      bytesReceived: f.videoBytes ?? (f.videoPackets ?? 0) * 1000,
      framesDecoded: f.frames ?? 0,
      ...(f.fps !== undefined && { framesPerSecond: f.fps }),
      ...(f.width !== undefined && { frameWidth: f.width, frameHeight: f.height }),
      jitter: 0.01,
    });
  if (f.sent !== undefined) {
    entries.push({ id: 'OV', type: 'outbound-rtp', kind: 'video', packetsSent: f.sent });
    if (f.remoteLost !== undefined || f.fractionLost !== undefined)
      entries.push({
        id: 'RIV',
        type: 'remote-inbound-rtp',
        kind: 'video',
        packetsLost: f.remoteLost ?? 0,
        fractionLost: f.fractionLost ?? 0,
        roundTripTime: f.rtt ?? 0.05,
      });
  }
  return entries;
}

/** A report (a Map, which has the same `forEach` as `RTCStatsReport`). */
export function statsReport(f: StatsFixture): Map<string, StatsEntry> {
  return new Map(statsEntries(f).map((e) => [String(e['id']), e]));
}
