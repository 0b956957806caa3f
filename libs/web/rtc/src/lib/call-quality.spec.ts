import type { CallQualitySample } from '@callshop/contracts';
import { classifyQuality, qualitySample, shouldOfferAudioOnly } from './call-quality';
import { readStats } from './stats-snapshot';
import { type StatsFixture, statsReport } from './testing/stats-fixtures';

const snap = (fixture: StatsFixture, at: number) => readStats(statsReport(fixture), at);
const sample = (figures: Partial<CallQualitySample>): CallQualitySample => ({
  rttMs: 50,
  lossPct: 0,
  jitterMs: 5,
  bitrateKbps: 1200,
  fps: 30,
  width: 1280,
  height: 720,
  relayed: false,
  ...figures,
});

describe('qualitySample', () => {
  it('takes loss and bitrate since the previous snapshot, the rest as they are now', () => {
    const before = snap(
      {
        audioPackets: 1000,
        audioLost: 10,
        audioBytes: 100_000,
        videoPackets: 4000,
        videoBytes: 4_000_000,
        frames: 600,
      },
      10_000,
    );
    const now = snap(
      {
        audioPackets: 1100,
        audioLost: 14,
        audioBytes: 120_000,
        videoPackets: 4380,
        videoLost: 16,
        videoBytes: 4_480_000,
        frames: 660,
        fps: 30,
        width: 640,
        height: 360,
        jitter: 0.0213,
        rtt: 0.1234,
        local: 'relay',
      },
      12_000,
    );
    expect(qualitySample(before, now)).toEqual({
      rttMs: 123,
      lossPct: 4, // 20 lost of 480 + 20
      jitterMs: 21.3,
      bitrateKbps: 2000, // 500 kB in 2 s
      fps: 30,
      width: 640,
      height: 360,
      relayed: true,
    });
  });

  it('has null where the browser has no figure, and counts the frame rate from frames when it lacks one', () => {
    const first = qualitySample(null, snap({ noPair: true }, 0));
    expect(first).toEqual({
      rttMs: null,
      lossPct: null,
      jitterMs: null,
      bitrateKbps: null,
      fps: null,
      width: null,
      height: null,
      relayed: null,
    });
    const fps = qualitySample(snap({ frames: 100 }, 0), snap({ frames: 130 }, 2000)).fps;
    expect(fps).toBe(15);
  });

  it('keeps every figure in the range the server accepts', () => {
    const s = qualitySample(
      snap({ audioPackets: 0, rtt: 120 }, 0),
      snap({ audioPackets: 0, rtt: 500 }, 1000),
    );
    expect(s.rttMs).toBe(60_000);
    expect(s.lossPct).toBeNull(); // nothing arrived: unknown, not 0 % or 100 %
  });
});

describe('classifyQuality', () => {
  it('is good under 2 % loss and 300 ms', () => {
    expect(classifyQuality([sample({ lossPct: 1.5, rttMs: 250 })])).toEqual({ level: 'good', reason: null });
  });

  it.each([
    [{ lossPct: 3 }, 'fair', 'High packet loss'],
    [{ lossPct: 8 }, 'poor', 'High packet loss'],
    [{ rttMs: 300 }, 'fair', 'Slow connection'],
    [{ rttMs: 650 }, 'poor', 'Slow connection'],
    [{ jitterMs: 45 }, 'fair', 'Unstable connection'],
    [{ jitterMs: 120 }, 'poor', 'Unstable connection'],
    [{ fps: 9 }, 'fair', 'Low frame rate'],
    [{ fps: 3 }, 'poor', 'Low frame rate'],
  ])('%p is %s: %s', (figures, level, reason) => {
    expect(classifyQuality([sample(figures)])).toEqual({ level, reason });
  });

  it('takes the worst figure, loss first on a tie', () => {
    expect(classifyQuality([sample({ lossPct: 3, rttMs: 700 })])).toEqual({
      level: 'poor',
      reason: 'Slow connection',
    });
    expect(classifyQuality([sample({ lossPct: 9, rttMs: 700 })])).toEqual({
      level: 'poor',
      reason: 'High packet loss',
    });
  });

  it('judges the median of the last three samples, so one bad moment does not flag the call', () => {
    const good = sample({});
    expect(classifyQuality([good, good, sample({ lossPct: 30 })])?.level).toBe('good');
    expect(classifyQuality([good, sample({ lossPct: 30 }), sample({ lossPct: 12 })])?.level).toBe('poor');
    // Older samples drop out.
    expect(classifyQuality([sample({ lossPct: 30 }), sample({ lossPct: 30 }), good, good, good])?.level).toBe(
      'good',
    );
  });

  it('leaves the frame rate out while the other side has no video on', () => {
    expect(classifyQuality([sample({ fps: 1 })], { video: false })).toEqual({ level: 'good', reason: null });
  });

  it('skips unknown figures, and knows nothing without any', () => {
    expect(classifyQuality([sample({ rttMs: null, lossPct: 9 })])?.reason).toBe('High packet loss');
    const nothing = sample({ rttMs: null, lossPct: null, jitterMs: null, fps: null });
    expect(classifyQuality([nothing])).toBeNull();
    expect(classifyQuality([])).toBeNull();
  });
});

describe('shouldOfferAudioOnly', () => {
  it('after five poor assessments in a row (about 10 s)', () => {
    expect(shouldOfferAudioOnly(['poor', 'poor', 'poor', 'poor'])).toBe(false);
    expect(shouldOfferAudioOnly(['good', 'poor', 'poor', 'poor', 'poor', 'poor'])).toBe(true);
    expect(shouldOfferAudioOnly(['poor', 'poor', 'fair', 'poor', 'poor', 'poor'])).toBe(false);
    expect(shouldOfferAudioOnly(['poor', 'poor', 'poor', 'poor', null])).toBe(false);
  });
});
