import { MediaFlowDetector } from './media-flow';
import { readStats } from './stats-snapshot';
import { type StatsFixture, statsReport } from './testing/stats-fixtures';

/** One snapshot a second, as the monitor takes them. */
function feed(detector: MediaFlowDetector, steps: [StatsFixture, boolean?][]): boolean[] {
  return steps.map(([fixture, connected = true], i) =>
    detector.update(readStats(statsReport(fixture), i * 1000), connected),
  );
}

describe('MediaFlowDetector', () => {
  it('flows once video frames are decoded, not when packets arrive that decode to nothing', () => {
    const flow = new MediaFlowDetector(3000);
    expect(
      feed(flow, [
        [{ videoPackets: 0 }],
        [{ videoPackets: 40, frames: 0 }],
        [{ videoPackets: 90, frames: 12 }],
      ]),
    ).toEqual([false, false, true]);
  });

  it('flows on audio alone (an audio call, or the other side has no camera)', () => {
    const flow = new MediaFlowDetector();
    expect(feed(flow, [[{ audioPackets: 0 }], [{ audioPackets: 50 }]])).toEqual([false, true]);
  });

  it('stops when nothing progressed for the stall time, and flows again when it does', () => {
    const flow = new MediaFlowDetector(3000);
    const frozen = { frames: 100, audioPackets: 400 };
    expect(
      feed(flow, [
        [{ frames: 90, audioPackets: 350 }],
        [frozen],
        [frozen],
        [frozen],
        [frozen],
        [{ frames: 101, audioPackets: 400 }],
      ]),
    ).toEqual([true, true, true, true, false, true]);
  });

  it('stops at once when the connection drops, and needs new progress to flow again', () => {
    const flow = new MediaFlowDetector(3000);
    expect(
      feed(flow, [[{ frames: 10 }], [{ frames: 40 }, false], [{ frames: 40 }], [{ frames: 55 }]]),
    ).toEqual([true, false, false, true]);
  });

  it('a muted microphone and a camera turned off still count: silence and black frames keep coming', () => {
    const flow = new MediaFlowDetector(3000);
    const steps: [StatsFixture][] = Array.from({ length: 6 }, (_, i) => [
      { audioPackets: 100 + i * 50, frames: 10 + i },
    ]);
    expect(feed(flow, steps).every(Boolean)).toBe(true);
  });
});
