import type { AuthUser } from '@callshop/api/auth';
import { createCallsHarness, type CallsHarness } from '../testing/calls-harness';

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { getStatus(): number; message: string }) => ({ status: e.getStatus(), message: e.message }),
  );

describe('CallLifecycle (in-memory repository, fake clock)', () => {
  let h: CallsHarness;
  let customer: AuthUser;
  let shop: ReturnType<CallsHarness['shop']>;
  let callId: string;

  beforeEach(async () => {
    h = createCallsHarness();
    customer = h.customer();
    shop = h.shop('Northwind', 2);
    const call = await h.starter.start(customer, {
      by: 'customer',
      shopId: shop.shopId,
      productId: shop.productId,
      type: 'video',
      deviceId: null,
    });
    callId = call.id;
    expect(call.status).toBe('ringing');
  });

  it('lets the first staff member who accepts take the call; the second is told it is taken', async () => {
    const [first, second] = shop.staff;
    const won = await h.lifecycle.accept(first, callId, 'device-1');
    expect(won).toMatchObject({ role: 'callee', polite: true, reconnected: false });
    expect(won.record.call).toMatchObject({ status: 'accepted', staff: { id: first.id } });
    expect(won.record.calleeDeviceId).toBe('device-1');
    expect(await refusal(h.lifecycle.accept(second, callId, 'device-2'))).toEqual({
      status: 409,
      message: 'The call is already accepted',
    });
  });

  it('refuses strangers with 404 and the wrong side with 403, changing nothing', async () => {
    const stranger = h.customer('Eve');
    const otherShop = h.shop('Other').staff[0];
    expect(await refusal(h.lifecycle.accept(stranger, callId, 'x'))).toMatchObject({ status: 404 });
    expect(await refusal(h.lifecycle.decline(otherShop, callId))).toMatchObject({ status: 404 });
    expect(await refusal(h.lifecycle.accept(customer, callId, 'x'))).toEqual({
      status: 403,
      message: 'Only the called side can accept a call',
    });
    expect(await refusal(h.lifecycle.decline(customer, callId))).toMatchObject({ status: 403 });
    expect(await refusal(h.lifecycle.cancel(shop.staff[0], callId))).toMatchObject({ status: 403 });
    expect((await h.repo.find(callId))?.call.status).toBe('ringing');
  });

  it('ends a call cancelled by the caller, or declined by the shop, once, for both sides', async () => {
    expect(await h.lifecycle.hangup(customer, callId)).toMatchObject({
      status: 'cancelled',
      endReason: 'cancelled',
      durationSeconds: null,
    });
    expect(await refusal(h.lifecycle.decline(shop.staff[0], callId))).toEqual({
      status: 409,
      message: 'The call is already cancelled',
    });
    expect(h.ended.map((r) => r.call.status)).toEqual(['cancelled']);
  });

  it('keeps ringing for the other staff when one declines, and ends declined when the last one does', async () => {
    const [first, second] = shop.staff;
    expect(await h.lifecycle.decline(first, callId)).toMatchObject({ status: 'ringing', endReason: null });
    expect(await refusal(h.lifecycle.decline(first, callId))).toEqual({
      status: 409,
      message: 'You declined this call already',
    });
    expect((await h.history.sessionCalls(first)).ringing).toEqual([]);
    expect((await h.history.sessionCalls(second)).ringing.map((r) => r.call.id)).toEqual([callId]);
    expect(h.ended).toEqual([]);
    expect(await h.lifecycle.decline(second, callId)).toMatchObject({
      status: 'declined',
      endReason: 'declined',
    });
    expect(h.ended.map((r) => r.call.status)).toEqual(['declined']);
  });

  it('ends declined at once when the colleagues it rang stopped taking calls', async () => {
    const [first, second] = shop.staff;
    h.presence.available.get(shop.shopId)?.delete(second.id);
    expect(await h.lifecycle.decline(first, callId)).toMatchObject({ status: 'declined' });
  });

  it('counts talk time from the moment media flows to the hang-up; only the holder may hang up', async () => {
    const [taker, colleague] = shop.staff;
    await h.lifecycle.accept(taker, callId, 'device-1');
    await h.lifecycle.resume(customer, callId, 'phone-1');
    await h.clock.advance(3_000);
    await h.media.report(callId, 'phone-1', true);
    await h.media.report(callId, 'device-1', true);
    await h.clock.advance(65_000);
    expect(await refusal(h.lifecycle.hangup(colleague, callId))).toEqual({
      status: 403,
      message: 'A colleague holds this call',
    });
    const ended = await h.lifecycle.hangup(customer, callId);
    expect(ended).toMatchObject({ status: 'ended', endReason: 'hangup', durationSeconds: 65 });
    expect(h.clock.pending).toBe(0);
  });

  it('refuses to accept a call whose ring deadline passed, and records it as missed', async () => {
    const record = h.repo.rows.find((r) => r.id === callId)!;
    record.ringDeadlineAt = h.clock.now() - 1;
    expect(await refusal(h.lifecycle.accept(shop.staff[0], callId, 'device-1'))).toEqual({
      status: 409,
      message: 'The call is already missed',
    });
    expect(h.ended.map((r) => [r.call.status, r.call.endReason])).toEqual([['missed', 'timeout']]);
  });

  it('binds a device again after it dropped, and says it came back', async () => {
    await h.lifecycle.accept(shop.staff[0], callId, 'seller-1');
    await h.lifecycle.resume(customer, callId, 'phone-1');
    await h.media.report(callId, 'phone-1', true);
    await h.media.report(callId, 'seller-1', true);
    await h.deadlines.deviceLost('phone-1');
    const back = await h.lifecycle.resume(customer, callId, 'phone-2');
    expect(back).toMatchObject({ role: 'caller', polite: false, reconnected: true });
    expect(back.record.callerDeviceId).toBe('phone-2');
    await h.clock.advance(h.settings.reconnectGraceMs + 1000);
    expect((await h.repo.find(callId))?.call.status).toBe('accepted');
  });

  it('waits for media again from a page that comes back with a new peer connection', async () => {
    await h.lifecycle.accept(shop.staff[0], callId, 'seller-1');
    await h.lifecycle.resume(customer, callId, 'phone-1');
    await h.media.report(callId, 'phone-1', true);
    await h.media.report(callId, 'seller-1', true);
    await h.lifecycle.resume(customer, callId, 'phone-2', true);
    // The new page never gets media: the call ends as lost after the grace.
    await h.clock.advance(h.settings.reconnectGraceMs + 1000);
    expect((await h.repo.find(callId))?.call).toMatchObject({
      status: 'failed',
      endReason: 'connection_lost',
    });
  });

  it('does not let the callee resume a call that is still ringing', async () => {
    expect(await refusal(h.lifecycle.resume(shop.staff[0], callId, 'seller-1'))).toEqual({
      status: 409,
      message: 'The call is still ringing: accept it instead',
    });
  });
});
