import type { CallEndReason, CallStatus } from '@callshop/contracts';
import { callStatusLabel, liveQualityIndicator, liveStatusLabel, otherSideWord } from './call-status-label';

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

describe('liveStatusLabel', () => {
  const status = { phase: 'in-call' as const, peerDropped: false, otherSide: 'the seller', talkSeconds: 65 };

  it('says the call is on with its talk time, and connecting before it connected', () => {
    expect(liveStatusLabel(status)).toBe('In call · 1:05');
    expect(liveStatusLabel({ ...status, talkSeconds: null })).toBe('In call');
    expect(liveStatusLabel({ ...status, phase: 'connecting' })).toBe('Connecting…');
  });

  it('says whose connection dropped when it was the other side', () => {
    expect(liveStatusLabel({ ...status, phase: 'reconnecting' })).toBe('Reconnecting…');
    expect(liveStatusLabel({ ...status, phase: 'reconnecting', peerDropped: true })).toBe(
      "Reconnecting… (the seller's connection dropped)",
    );
    expect(
      liveStatusLabel({ ...status, phase: 'reconnecting', peerDropped: true, otherSide: 'the customer' }),
    ).toBe("Reconnecting… (the customer's connection dropped)");
  });

  it('names the other side by the viewer: seller, support (the platform shop), customer', () => {
    const shop = (isPlatform: boolean) => ({ shop: { id: 's', name: 'Lamps', isPlatform } });
    expect(otherSideWord('customer', shop(false))).toBe('the seller');
    expect(otherSideWord('customer', shop(true))).toBe('support');
    expect(otherSideWord('shop', shop(false))).toBe('the customer');
  });
});

describe('liveQualityIndicator', () => {
  const inCall = { phase: 'in-call' as const, peerDropped: false, otherSide: 'the seller' };

  it('shows the assessment of what this device receives, in words', () => {
    expect(liveQualityIndicator(inCall, { level: 'poor', reason: 'High packet loss' })).toEqual({
      level: 'poor',
      text: 'Connection: Poor · High packet loss',
    });
    expect(liveQualityIndicator(inCall, { level: 'good', reason: null })).toEqual({
      level: 'good',
      text: 'Connection: Good',
    });
    expect(liveQualityIndicator(inCall, null)).toBeNull();
  });

  it("turns poor while the other side's connection is down, whatever this device receives", () => {
    const dropped = { ...inCall, phase: 'reconnecting' as const, peerDropped: true };
    expect(liveQualityIndicator(dropped, { level: 'good', reason: null })).toEqual({
      level: 'poor',
      text: "Connection: Poor · The seller's connection dropped",
    });
    // This side's own reconnecting: the banner speaks, no stale level.
    expect(
      liveQualityIndicator({ ...dropped, peerDropped: false }, { level: 'good', reason: null }),
    ).toBeNull();
  });
});
