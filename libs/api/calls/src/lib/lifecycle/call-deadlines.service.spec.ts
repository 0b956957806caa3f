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
    await h.clock.advance(60_000);
    expect(await status(id)).toEqual(['accepted', null, null]);
    expect(h.clock.pending).toBe(0);
  });

  it('ends a call as failed / connection_lost when a dropped device does not come back within the grace', async () => {
    const id = await ring();
    await h.lifecycle.accept(shop.staff[0], id, 'seller-1');
    await h.clock.advance(5_000);
    const lost = await h.deadlines.deviceLost('seller-1');
    expect(lost.map((l) => l.side)).toEqual(['callee']);
    await h.clock.advance(9_000);
    expect((await status(id))?.[0]).toBe('accepted');
    await h.clock.advance(2_000);
    // The grace ran out 15 s after the answer: that is when the server ended the call.
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
});
