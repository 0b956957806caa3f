import { SHOP_CLOSED_MESSAGE, type CallDto } from '@callshop/contracts';
import { SocketRequestError } from '@callshop/web/core';
import { describeOutcome, isCaller, startFailedOutcome } from './call-outcome';

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

  it('reports a lost connection as an error, the same on both sides, with the talk time once connected', () => {
    const call = { ...base, status: 'failed', endReason: 'connection_lost' } as CallDto;
    expect(describeOutcome(call, 'customer')).toMatchObject({
      title: 'The connection was lost.',
      tone: 'error',
      detail: 'The call ended because the connection could not be restored.',
    });
    const talked = { ...call, connectedAt: '2026-01-01T00:00:10Z', durationSeconds: 83 } as CallDto;
    for (const viewer of ['customer', 'shop'] as const) {
      expect(describeOutcome(talked, viewer)).toMatchObject({
        title: 'The connection was lost.',
        detail: 'You talked for 1:23 before it dropped.',
      });
    }
  });

  it('says a call that never connected could not be connected, with the phone as the way forward', () => {
    const call = { ...base, type: 'video', status: 'failed', endReason: 'media_failed' } as CallDto;
    const customer = describeOutcome(call, 'customer');
    const shop = describeOutcome(call, 'shop');
    expect(customer).toEqual({
      title: "We couldn't connect the video.",
      detail: 'Your network may block calls.',
      tone: 'error',
      suggestCallback: true,
      phoneFallback: true,
    });
    expect(shop).toEqual({ ...customer, suggestCallback: false });
    expect(describeOutcome({ ...call, type: 'audio' }, 'shop').title).toBe("We couldn't connect the call.");
  });

  it('shows the talk time of a call that ended normally, and none when it never connected', () => {
    const ended = { ...base, status: 'ended', endReason: 'hangup' } as CallDto;
    expect(describeOutcome({ ...ended, durationSeconds: 65 }, 'shop').detail).toBe('Duration 1:05');
    expect(describeOutcome(ended, 'shop').detail).toBeNull();
  });
});

describe('startFailedOutcome', () => {
  it('offers a callback when the shop is closed, and names a live call otherwise', () => {
    const closed = new SocketRequestError({ code: 'CONFLICT', message: SHOP_CLOSED_MESSAGE });
    expect(startFailedOutcome(closed)).toMatchObject({
      title: 'The shop is closed now.',
      suggestCallback: true,
    });
    const live = new SocketRequestError({
      code: 'CONFLICT',
      message: 'You already have a live call: end it first',
    });
    expect(startFailedOutcome(live)).toMatchObject({
      detail: 'You are already in a call. Finish it before starting another.',
      suggestCallback: false,
    });
  });
});
