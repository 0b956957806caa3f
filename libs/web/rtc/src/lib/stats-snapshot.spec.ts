import { readStats } from './stats-snapshot';
import { statsReport } from './testing/stats-fixtures';

describe('readStats', () => {
  it('reads incoming media, the selected pair and the outgoing video as the other side reports it', () => {
    const snapshot = readStats(
      statsReport({
        audioPackets: 500,
        audioLost: 5,
        jitter: 0.012,
        videoPackets: 2000,
        videoLost: 20,
        frames: 300,
        fps: 29,
        width: 1280,
        height: 720,
        rtt: 0.084,
        available: 1_200_000,
        sent: 1800,
        remoteLost: 18,
        fractionLost: 0.01,
      }),
      5000,
    );
    expect(snapshot).toEqual({
      at: 5000,
      audio: expect.objectContaining({
        packetsReceived: 500,
        packetsLost: 5,
        jitter: 0.012,
        framesDecoded: 0,
      }),
      video: expect.objectContaining({
        packetsReceived: 2000,
        packetsLost: 20,
        framesDecoded: 300,
        framesPerSecond: 29,
        frameWidth: 1280,
        frameHeight: 720,
      }),
      outVideo: { packetsSent: 1800, packetsLost: 18, fractionLost: 0.01 },
      rttMs: 84,
      availableOutgoingKbps: 1200,
      relayed: false,
    });
  });

  it('says relayed when either candidate of the selected pair is a relay (not another pair)', () => {
    expect(readStats(statsReport({ local: 'relay' }), 0).relayed).toBe(true);
    expect(readStats(statsReport({ remote: 'relay' }), 0).relayed).toBe(true);
    expect(readStats(statsReport({ local: 'srflx', remote: 'host' }), 0).relayed).toBe(false);
  });

  it('falls back to a nominated, succeeded pair without a transport entry, and has nulls without any', () => {
    const report = statsReport({ rtt: 0.2, local: 'relay' });
    report.delete('T01');
    expect(readStats(report, 0)).toMatchObject({ rttMs: 200, relayed: true });

    const none = readStats(statsReport({ noPair: true }), 0);
    expect(none).toMatchObject({
      rttMs: null,
      availableOutgoingKbps: null,
      relayed: null,
      audio: null,
      video: null,
    });
  });
});
