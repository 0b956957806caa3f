import type { StatsSnapshot } from './stats-snapshot';

/** How long incoming media may make no progress before it counts as stopped. */
export const MEDIA_STALL_MS = 3000;

/**
 * Whether the incoming media progressed between two snapshots: video frames were decoded, or
 * audio packets arrived (a muted microphone still sends silence, a camera turned off still
 * sends black frames, so a live call always progresses).
 */
export function mediaProgressed(previous: StatsSnapshot | null, current: StatsSnapshot): boolean {
  const frames = (s: StatsSnapshot | null) => s?.video?.framesDecoded ?? 0;
  const audioPackets = (s: StatsSnapshot | null) => s?.audio?.packetsReceived ?? 0;
  return frames(current) > frames(previous) || audioPackets(current) > audioPackets(previous);
}

/**
 * Decides, from successive `getStats` snapshots of one peer connection, whether the other
 * side's media really reaches this device: flowing once frames are decoded (or audio
 * arrives), stopped when the connection is down or nothing progressed for
 * {@link MEDIA_STALL_MS}, flowing again when it progresses again. Pure: the caller feeds it.
 */
export class MediaFlowDetector {
  private previous: StatsSnapshot | null = null;
  private lastProgressAt: number | null = null;
  private current = false;

  constructor(private readonly stallMs = MEDIA_STALL_MS) {}

  get flowing(): boolean {
    return this.current;
  }

  /**
   * Takes the next snapshot; `connected`: the peer connection says it is connected (ICE
   * `disconnected` or `failed` stops the media at once). Returns whether media flows now.
   */
  update(snapshot: StatsSnapshot, connected: boolean): boolean {
    const progressed = mediaProgressed(this.previous, snapshot);
    this.previous = snapshot;
    if (!connected) {
      this.current = false;
      this.lastProgressAt = null;
      return false;
    }
    if (progressed) {
      this.lastProgressAt = snapshot.at;
      this.current = true;
    } else if (
      this.current &&
      (this.lastProgressAt === null || snapshot.at - this.lastProgressAt >= this.stallMs)
    ) {
      this.current = false;
    }
    return this.current;
  }
}
