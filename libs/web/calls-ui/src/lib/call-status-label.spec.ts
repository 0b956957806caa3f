import type { CallEndReason, CallStatus } from '@callshop/contracts';
import { callStatusLabel } from './call-status-label';

const label = (
  viewer: 'customer' | 'shop',
  status: CallStatus,
  direction: 'incoming' | 'outgoing' = 'outgoing',
  endReason: CallEndReason | null = null,
) => callStatusLabel({ status, endReason, direction }, viewer);

describe('callStatusLabel', () => {
  it('tells a customer an offline seller from an unanswered call', () => {
    expect(label('customer', 'missed', 'outgoing', 'offline')).toBe('Seller offline');
    expect(label('customer', 'missed', 'outgoing', 'timeout')).toBe('No answer');
    expect(label('customer', 'failed', 'outgoing', 'connection_lost')).toBe('Connection lost');
    expect(label('customer', 'ended', 'outgoing', 'hangup')).toBe('Completed');
  });

  it('names statuses from the shop side, where unanswered incoming calls are missed', () => {
    expect(label('shop', 'ended', 'incoming')).toBe('Answered');
    expect(label('shop', 'missed', 'outgoing')).toBe('No answer');
    expect(label('shop', 'missed', 'incoming')).toBe('Missed');
    expect(label('shop', 'cancelled', 'incoming')).toBe('Missed (hung up)');
    expect(label('shop', 'cancelled', 'outgoing')).toBe('Cancelled');
  });

  it('tells both sides the same about calls the network broke, never "Answered" or "Failed"', () => {
    for (const viewer of ['customer', 'shop'] as const) {
      expect(label(viewer, 'failed', 'incoming', 'media_failed')).toBe("Couldn't connect");
      expect(label(viewer, 'failed', 'outgoing', 'media_failed')).toBe("Couldn't connect");
      expect(label(viewer, 'failed', 'incoming', 'connection_lost')).toBe('Connection lost');
      expect(label(viewer, 'failed', 'incoming', 'error')).toBe('Failed');
    }
  });
});
