import type { CallDto } from '@callshop/contracts';
import { describeOutcome, isCaller } from './call-outcome';

const base = {
  initiatedBy: 'customer',
  customer: { id: 'c', name: 'Ada' },
  shop: { id: 's', name: 'Lamp Shop', isPlatform: false },
  durationSeconds: null,
} as unknown as CallDto;

describe('describeOutcome', () => {
  it('tells each side its own story of a declined call', () => {
    const call = { ...base, status: 'declined', endReason: 'declined' } as CallDto;
    expect(describeOutcome(call, 'customer')).toMatchObject({
      title: 'Lamp Shop declined the call.',
      suggestCallback: true,
    });
    expect(describeOutcome(call, 'shop')).toMatchObject({
      title: 'You declined the call.',
      suggestCallback: false,
    });
  });

  it('never offers the shop a callback request to itself', () => {
    const call = { ...base, initiatedBy: 'shop', status: 'missed', endReason: 'offline' } as CallDto;
    expect(isCaller(call, 'shop')).toBe(true);
    expect(describeOutcome(call, 'shop')).toMatchObject({
      title: 'Ada is offline right now.',
      suggestCallback: false,
    });
    expect(describeOutcome(call, 'customer').title).toBe('Missed call from Lamp Shop.');
  });

  it('reports a lost connection as an error', () => {
    const call = { ...base, status: 'failed', endReason: 'connection_lost' } as CallDto;
    expect(describeOutcome(call, 'customer')).toMatchObject({
      title: 'The connection was lost.',
      tone: 'error',
    });
  });
});
