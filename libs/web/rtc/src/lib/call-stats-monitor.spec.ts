import type { CallQualitySample } from '@callshop/contracts';
import type { QualityAssessment } from './call-quality';
import { CallStatsMonitor } from './call-stats-monitor';
import { FakePeerConnection, FakeTimers, FakeTrack, settle } from './testing/fakes';
import type { StatsFixture } from './testing/stats-fixtures';

function setup(videoPaused = false) {
  const timers = new FakeTimers();
  const pc = new FakePeerConnection();
  pc.addTrack(new FakeTrack('audio'));
  pc.addTrack(new FakeTrack('video'));
  pc.connectionState = 'connected';
  const flowing: boolean[] = [];
  const assessed: { assessment: QualityAssessment | null; offer: boolean }[] = [];
  const reports: { at: number; sample: CallQualitySample }[] = [];
  const monitor = new CallStatsMonitor(
    pc as unknown as RTCPeerConnection,
    timers,
    { pollMs: 1000, sampleMs: 2000, reportMs: 5000, stallMs: 3000 },
    {
      flowing: (f) => flowing.push(f),
      assessed: (assessment, offer) => assessed.push({ assessment, offer }),
      report: (sample) => reports.push({ at: timers.now(), sample }),
      context: () => ({ video: true, videoPaused }),
    },
  );
  /** Runs the clock one second at a time, the stats at each second given by `at`. */
  async function run(seconds: number, at: (second: number) => StatsFixture) {
    for (let i = 0; i < seconds; i++) {
      pc.setStats(at(timers.now() / 1000 + 1));
      timers.advance(1000);
      await settle(2);
    }
  }
  return { monitor, pc, timers, flowing, assessed, reports, run };
}

/** A healthy call: 50 audio packets and 30 frames a second, 80 ms round trip. */
const healthy = (s: number): StatsFixture => ({
  audioPackets: s * 50,
  videoPackets: s * 100,
  frames: s * 30,
  fps: 30,
  width: 1280,
  height: 720,
  rtt: 0.08,
  available: 2_000_000,
  sent: s * 100,
  remoteLost: 0,
});

describe('CallStatsMonitor', () => {
  it('reports media flowing once, samples every 2 s and hands a sample to report every 5 s', async () => {
    const { monitor, flowing, assessed, reports, run } = setup();
    monitor.start();
    await run(12, healthy);
    expect(flowing).toEqual([true]);
    expect(assessed).toHaveLength(5);
    expect(assessed.at(-1)).toEqual({ assessment: { level: 'good', reason: null }, offer: false });
    expect(reports.map((r) => r.at)).toEqual([3000, 8000]);
    expect(reports[0].sample).toMatchObject({ rttMs: 80, lossPct: 0, fps: 30, width: 1280, relayed: false });
    monitor.stop();
  });

  it('reports media stopped after a 3 s stall and flowing again when it resumes', async () => {
    const { monitor, flowing, run } = setup();
    monitor.start();
    await run(3, healthy);
    await run(4, () => healthy(3));
    expect(flowing).toEqual([true, false]);
    await run(2, healthy);
    expect(flowing).toEqual([true, false, true]);
    monitor.stop();
  });

  it('steps video down under sustained loss, offers audio only when it stays poor, and steps back up', async () => {
    const { monitor, pc, assessed, run } = setup();
    const video = pc.senders[1];
    monitor.start();
    // About 14 % of what arrives is lost, and 10 % of what is sent.
    const lossy = (s: number): StatsFixture => ({
      ...healthy(s),
      audioLost: s * 10,
      videoLost: s * 15,
      remoteLost: s * 11,
    });
    await run(8, lossy);
    expect(monitor.adaptationStep).toBe(1);
    expect(video.parameters.encodings[0]).toMatchObject({ scaleResolutionDownBy: 1.5, maxFramerate: 24 });
    expect(pc.senders[0].parameters.encodings[0]).toMatchObject({ priority: 'high' });
    expect(assessed.at(-1)?.assessment).toEqual({ level: 'poor', reason: 'High packet loss' });
    await run(6, lossy);
    expect(assessed.at(-1)?.offer).toBe(true);

    await run(40, (s) => ({ ...healthy(s), audioLost: 140, videoLost: 210, remoteLost: 14 * 11 }));
    expect(assessed.at(-1)).toEqual({ assessment: { level: 'good', reason: null }, offer: false });
    expect(monitor.adaptationStep).toBe(0);
    expect(video.parameters.encodings[0]).toMatchObject({ scaleResolutionDownBy: 1, maxFramerate: 30 });
    monitor.stop();
  });

  it('pauses the video sender for audio only', async () => {
    const { monitor, pc } = setup(true);
    await monitor.refreshSenders();
    expect(pc.senders[1].parameters.encodings[0].active).toBe(false);
  });

  it('stops reading when stopped', async () => {
    const { monitor, timers, run } = setup();
    monitor.start();
    await run(2, healthy);
    monitor.stop();
    expect(timers.queue.size).toBe(0);
  });
});
