import type { CallDto, CallQualitySample } from '@callshop/contracts';
import { describeCallQuality } from './call-quality-summary';

const figures = (f: Partial<CallQualitySample>): CallQualitySample => ({
  rttMs: 45,
  lossPct: 0.2,
  jitterMs: 4,
  bitrateKbps: 1200,
  fps: 30,
  width: 1280,
  height: 720,
  relayed: false,
  ...f,
});

const call = (quality: CallDto['quality'], initiatedBy: CallDto['initiatedBy'] = 'customer') =>
  ({ initiatedBy, type: 'video', quality }) as Pick<CallDto, 'initiatedBy' | 'quality' | 'type'>;

describe('describeCallQuality', () => {
  it('gives each side’s medians with their worst values, relayed or direct, and the worse side in a headline', () => {
    const view = describeCallQuality(
      call({
        caller: {
          samples: 30,
          median: figures({}),
          worst: figures({ rttMs: 120, lossPct: 3, jitterMs: 18, bitrateKbps: 300, fps: 12 }),
          relayed: false,
        },
        callee: {
          samples: 28,
          median: figures({ lossPct: 4.5, relayed: true }),
          worst: figures({ lossPct: 11, relayed: true }),
          relayed: true,
        },
      }),
    );
    expect(view).toEqual({
      headline: 'Connection: Fair (high packet loss) · relayed',
      level: 'fair',
      sides: [
        {
          label: 'Customer',
          level: 'good',
          reason: null,
          route: 'direct',
          figures:
            'Round trip 45 ms (worst 120 ms), loss 0.2 % (worst 3 %), jitter 4 ms (worst 18 ms), received 1200 kbps (lowest 300 kbps), video 30 fps (lowest 12 fps), 1280×720',
          samples: 30,
        },
        {
          label: 'Shop',
          level: 'fair',
          reason: 'High packet loss',
          route: 'relayed',
          figures:
            'Round trip 45 ms, loss 4.5 % (worst 11 %), jitter 4 ms, received 1200 kbps, video 30 fps, 1280×720',
          samples: 28,
        },
      ],
    });
  });

  it('puts the shop on the caller side of a call the shop placed, and skips a side without samples', () => {
    const view = describeCallQuality(
      call(
        { caller: { samples: 5, median: figures({}), worst: figures({}), relayed: false }, callee: null },
        'shop',
      ),
    );
    expect(view?.sides.map((s) => s.label)).toEqual(['Shop']);
    expect(view?.headline).toBe('Connection: Good · direct');
  });

  it('is null without a summary', () => {
    expect(describeCallQuality(call(null))).toBeNull();
    expect(describeCallQuality(call({ caller: null, callee: null }))).toBeNull();
  });
});
