import {
  ADAPTATION_STEPS,
  type SenderConditions,
  applyAdaptationStep,
  nextAdaptationStep,
  senderConditions,
} from './sender-adaptation';
import { readStats } from './stats-snapshot';
import { FakeSender, FakeTrack } from './testing/fakes';
import { statsReport } from './testing/stats-fixtures';

const lossy: SenderConditions = { lossPct: 6, availableKbps: 900 };
const thin: SenderConditions = { lossPct: 0, availableKbps: 180 };
const clear: SenderConditions = { lossPct: 0.5, availableKbps: 2000 };
const times = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

describe('senderConditions', () => {
  it('takes the share of the video sent since the last sample that the other side reported lost', () => {
    const before = readStats(statsReport({ sent: 1000, remoteLost: 10, available: 800_000 }), 0);
    const now = readStats(
      statsReport({ sent: 1190, remoteLost: 20, fractionLost: 0.02, available: 600_000 }),
      2000,
    );
    expect(senderConditions(before, now)).toEqual({ lossPct: 5, availableKbps: 600 });
  });

  it('falls back to the last report’s fraction lost, and knows nothing without any report', () => {
    expect(
      senderConditions(null, readStats(statsReport({ sent: 100, fractionLost: 0.1 }), 0)).lossPct,
    ).toBeCloseTo(10);
    expect(senderConditions(null, readStats(statsReport({}), 0))).toEqual({
      lossPct: null,
      availableKbps: null,
    });
  });
});

describe('nextAdaptationStep', () => {
  it('steps down one step after three strained samples in a row (loss or low bandwidth)', () => {
    expect(nextAdaptationStep(0, times(2, lossy))).toBe(0);
    expect(nextAdaptationStep(0, times(3, lossy))).toBe(1);
    expect(nextAdaptationStep(1, [lossy, thin, lossy])).toBe(2);
    expect(nextAdaptationStep(1, [lossy, clear, lossy])).toBe(1);
    expect(nextAdaptationStep(ADAPTATION_STEPS.length - 1, times(5, lossy))).toBe(
      ADAPTATION_STEPS.length - 1,
    );
  });

  it('steps back up one step after five clear samples, when the estimate leaves room for it', () => {
    expect(nextAdaptationStep(2, times(4, clear))).toBe(2);
    expect(nextAdaptationStep(2, times(5, clear))).toBe(1);
    // 60 % of the next step's 800 kbps is needed to go from step 2 to 1.
    expect(nextAdaptationStep(2, times(5, { lossPct: 0, availableKbps: 400 }))).toBe(2);
    expect(nextAdaptationStep(2, times(5, { lossPct: null, availableKbps: null }))).toBe(1);
    expect(nextAdaptationStep(0, times(10, clear))).toBe(0);
  });

  it('walks down under sustained loss and back up when it clears, one step at a time', () => {
    let step = 0;
    let since: SenderConditions[] = [];
    const steps: number[] = [];
    for (const c of [...times(12, lossy), ...times(20, clear)]) {
      since.push(c);
      const next = nextAdaptationStep(step, since);
      if (next !== step) since = [];
      step = next;
      steps.push(step);
    }
    expect(steps.slice(0, 12)).toEqual([0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3]);
    expect(steps.at(-1)).toBe(0);
    expect(new Set(steps.slice(12))).toEqual(new Set([3, 2, 1, 0]));
  });
});

describe('applyAdaptationStep', () => {
  it('sets the video encodings to the step and gives audio priority', async () => {
    const audio = new FakeSender(new FakeTrack('audio'));
    const video = new FakeSender(new FakeTrack('video'));
    const pc = { getSenders: () => [audio, video] as unknown as RTCRtpSender[] };
    expect(await applyAdaptationStep(pc, 2, false)).toBe(true);
    expect(video.parameters).toEqual({
      encodings: [{ active: true, scaleResolutionDownBy: 2, maxFramerate: 15, maxBitrate: 400_000 }],
      degradationPreference: 'balanced',
    });
    expect(audio.parameters.encodings[0]).toMatchObject({ priority: 'high', networkPriority: 'high' });

    await applyAdaptationStep(pc, 0, true);
    expect(video.parameters.encodings[0]).toMatchObject({ active: false, scaleResolutionDownBy: 1 });
  });

  it('says so when the senders have no encodings yet, and retries without fields a browser refuses', async () => {
    const early = new FakeSender(new FakeTrack('video'));
    early.parameters = { encodings: [] };
    expect(
      await applyAdaptationStep({ getSenders: () => [early as unknown as RTCRtpSender] }, 1, false),
    ).toBe(false);

    const picky = new FakeSender(new FakeTrack('video'));
    const accept = picky.setParameters.bind(picky);
    picky.setParameters = async (p) => {
      if (p.degradationPreference) throw new Error('InvalidModificationError');
      await accept(p);
    };
    expect(
      await applyAdaptationStep({ getSenders: () => [picky as unknown as RTCRtpSender] }, 1, false),
    ).toBe(true);
    expect(picky.parameters.encodings[0]).toMatchObject({ scaleResolutionDownBy: 1.5 });
  });
});
