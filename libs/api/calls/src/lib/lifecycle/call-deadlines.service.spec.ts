import type { AuthUser } from '@callshop/api/auth';
import { createCallsHarness, type CallsHarness } from '../testing/calls-harness';

describe('CallDeadlines (in-memory repository, fake clock)', () => {
  let h: CallsHarness;
  let customer: AuthUser;
  let shop: ReturnType<CallsHarness['shop']>;

  const ring = async (caller = customer) =>
    (
      await h.starter.start(caller, {
        by: 'customer',
        shopId: shop.shopId,
        productId: shop.productId,
        type: 'video',
        deviceId: null,
      })
    ).id;
  const status = async (id: string) => {
    const call = (await h.repo.find(id))?.call;
    return call && [call.status, call.endReason, call.durationSeconds];
  };

  beforeEach(() => {
    h = createCallsHarness({ ringTimeoutMs: 30_000, reconnectGraceMs: 10_000 });
    customer = h.customer();
    shop = h.shop();
  });

  it('ends a call nobody answers as missed / timeout at the ring deadline, not before', async () => {
    const id = await ring();
    await h.clock.advance(29_000);
    expect(await status(id)).toEqual(['ringing', null, null]);
    await h.clock.advance(2_000);
    expect(await status(id)).toEqual(['missed', 'timeout', null]);
    expect(h.ended).toHaveLength(1);
  });

  it('forgets the ring deadline once the call is answered', async () => {
    const id = await ring();
    await h.lifecycle.accept(shop.staff[0], id, 'seller-1');
    await h.lifecycle.resume(customer, id, 'phone-1');
    await h.media.report(id, 'phone-1', true);
    await h.media.report(id, 'seller-1', true);
    await h.clock.advance(60_000);
    expect((await status(id))?.[0]).toBe('accepted');
    expect(h.clock.pending).toBe(0);
  });

  it('ends a call as failed / connection_lost when a dropped device does not come back within the grace', async () => {
    const id = await ring();
    await h.lifecycle.accept(shop.staff[0], id, 'seller-1');
    await h.lifecycle.resume(customer, id, 'phone-1');
    await h.media.report(id, 'phone-1', true);
    await h.media.report(id, 'seller-1', true);
    await h.clock.advance(5_000);
    const lost = await h.deadlines.deviceLost('seller-1');
    expect(lost.map((l) => l.side)).toEqual(['callee']);
    await h.clock.advance(9_000);
    expect((await status(id))?.[0]).toBe('accepted');
    await h.clock.advance(2_000);
    // Nobody said the media stopped, so it counts until the server ended the call, 15 s in.
    expect(await status(id)).toEqual(['failed', 'connection_lost', 15]);
    expect(h.ended.map((r) => r.call.endReason)).toEqual(['connection_lost']);
  });

  it('ends ringing calls as missed / offline shortly after the shop has nobody left taking calls', async () => {
    const id = await ring();
    h.presence.available.set(shop.shopId, new Set());
    h.deadlines.calleeMayBeGone({ shopId: shop.shopId });
    await h.clock.advance(5_000);
    expect(await status(id)).toEqual(['missed', 'offline', null]);
  });

  it('keeps ringing when the shop comes back before the short wait is over (a page reload)', async () => {
    const id = await ring();
    h.deadlines.calleeMayBeGone({ shopId: shop.shopId });
    await h.clock.advance(5_000);
    expect((await status(id))?.[0]).toBe('ringing');
  });

  it('at start-up closes what a previous run left: unbound devices start their grace, overdue calls end', async () => {
    const overdue = await ring();
    h.repo.rows.find((r) => r.id === overdue)!.ringDeadlineAt = h.clock.now() - 1;
    const other = h.customer('Bob');
    const live = await ring(other);
    await h.lifecycle.accept(shop.staff[0], live, 'gone-device');
    h.presence.sockets.clear();

    await h.deadlines.onApplicationBootstrap();
    expect(await status(overdue)).toEqual(['missed', 'timeout', null]);
    expect((await status(live))?.[0]).toBe('accepted');
    await h.clock.advance(h.settings.reconnectGraceMs + 100);
    expect((await status(live))?.slice(0, 2)).toEqual(['failed', 'connection_lost']);
    h.deadlines.onModuleDestroy();
    expect(h.clock.pending).toBe(0);
  });

  describe('media', () => {
    let id: string;
    beforeEach(async () => {
      id = await ring();
      await h.lifecycle.accept(shop.staff[0], id, 'seller-1');
      await h.lifecycle.resume(customer, id, 'phone-1');
    });

    it('fails an answered call whose media never flows both ways, for both sides, once, with no talk time', async () => {
      await h.media.report(id, 'phone-1', true);
      await h.clock.advance(h.settings.mediaTimeoutMs - 1_000);
      expect(await status(id)).toEqual(['accepted', null, null]);
      await h.clock.advance(2_000);
      expect(await status(id)).toEqual(['failed', 'media_failed', null]);
      expect(h.ended.map((r) => r.call.endReason)).toEqual(['media_failed']);
      expect((await h.repo.find(id))?.call.connectedAt).toBeNull();
    });

    it('is connected when both sides report media, and counts only the time it flowed', async () => {
      await h.clock.advance(2_000);
      await h.media.report(id, 'phone-1', true);
      await h.media.report(id, 'seller-1', true);
      const connectedAt = (await h.repo.find(id))?.call.connectedAt;
      expect(connectedAt).toBe(new Date(h.clock.now()).toISOString());
      await h.clock.advance(8_000);
      await h.media.report(id, 'phone-1', false);
      await h.clock.advance(5_000);
      await h.media.report(id, 'phone-1', true);
      await h.clock.advance(5_000);
      const ended = await h.lifecycle.hangup(customer, id);
      expect(ended).toMatchObject({ status: 'ended', endReason: 'hangup', durationSeconds: 13, connectedAt });
      // The media deadline was cleared on connecting: nothing fires later.
      await h.clock.advance(60_000);
      expect(h.ended).toHaveLength(1);
    });

    it('ends a call whose media stopped and did not come back within the grace as connection_lost, once', async () => {
      await h.media.report(id, 'phone-1', true);
      await h.media.report(id, 'seller-1', true);
      await h.clock.advance(30_000);
      await h.media.report(id, 'seller-1', false);
      await h.clock.advance(h.settings.reconnectGraceMs - 1_000);
      expect((await status(id))?.[0]).toBe('accepted');
      await h.clock.advance(2_000);
      expect(await status(id)).toEqual(['failed', 'connection_lost', 30]);
      // The device's own socket dropping later changes nothing: the call ended once.
      await h.deadlines.deviceLost('seller-1');
      await h.clock.advance(60_000);
      expect(h.ended.map((r) => r.call.endReason)).toEqual(['connection_lost']);
    });

    it('keeps a call whose media came back within the grace', async () => {
      await h.media.report(id, 'phone-1', true);
      await h.media.report(id, 'seller-1', true);
      await h.media.report(id, 'seller-1', false);
      await h.clock.advance(8_000);
      await h.media.report(id, 'seller-1', true);
      await h.clock.advance(60_000);
      expect((await status(id))?.[0]).toBe('accepted');
    });

    it('refuses reports from a device not bound to the call', async () => {
      await expect(h.media.report(id, 'someone-else', true)).rejects.toMatchObject({ code: 'NOT_IN_CALL' });
    });

    it('keeps quality samples at most every 1.5 s per side and summarizes them when the call ends', async () => {
      const sample = (lossPct: number, fps: number, relayed: boolean) => ({
        rttMs: 40 + lossPct,
        lossPct,
        jitterMs: 5,
        bitrateKbps: 900,
        fps,
        width: 640,
        height: 480,
        relayed,
      });
      expect(await h.media.sample(id, 'phone-1', sample(0, 30, false))).toEqual({ kept: true });
      expect(await h.media.sample(id, 'phone-1', sample(50, 1, false))).toEqual({ kept: false });
      await h.clock.advance(2_000);
      expect(await h.media.sample(id, 'phone-1', sample(10, 20, true))).toEqual({ kept: true });
      await h.clock.advance(2_000);
      expect(await h.media.sample(id, 'phone-1', sample(2, 25, false))).toEqual({ kept: true });
      await h.lifecycle.hangup(customer, id);
      await h.clock.advance(0);
      const quality = (await h.repo.find(id))?.call.quality;
      expect(quality?.callee).toBeNull();
      expect(quality?.caller).toMatchObject({
        samples: 3,
        relayed: true,
        median: { lossPct: 2, fps: 25 },
        worst: { lossPct: 10, fps: 20, rttMs: 50 },
      });
    });
  });
});
