import type { AuthUser } from '@callshop/api/auth';
import { createCallsHarness, type CallsHarness } from '../testing/calls-harness';

describe('CallStarter (in-memory repository)', () => {
  let h: CallsHarness;
  let customer: AuthUser;
  let shop: ReturnType<CallsHarness['shop']>;

  const call = (user: AuthUser, shopId: string, productId: string) =>
    h.starter.start(user, { by: 'customer', shopId, productId, type: 'video', deviceId: null });
  const outcome = (p: Promise<{ status: string; endReason: string | null }>) =>
    p.then(
      (c) => [c.status, c.endReason],
      (e: { getStatus(): number; message: string }) => [e.getStatus(), e.message],
    );

  beforeEach(() => {
    h = createCallsHarness();
    customer = h.customer();
    shop = h.shop('Northwind', 2);
  });

  it('rings a shop with staff taking calls, and names the product in the call', async () => {
    const c = await call(customer, shop.shopId, shop.productId);
    expect(c).toMatchObject({ status: 'ringing', initiatedBy: 'customer', product: { id: shop.productId } });
    expect(c.ringDeadlineAt).not.toBeNull();
  });

  it('records a missed call when nobody takes calls, and a busy one when everybody is in a call', async () => {
    const quiet = h.shop('Quiet');
    h.presence.available.set(quiet.shopId, new Set());
    expect(await outcome(call(customer, quiet.shopId, quiet.productId))).toEqual(['missed', 'offline']);

    const busyShop = h.shop('Busy', 1);
    const first = h.customer('First');
    const ringing = await call(first, busyShop.shopId, busyShop.productId);
    await h.lifecycle.accept(busyShop.staff[0], ringing.id, 'seller-1');
    expect(await outcome(call(h.customer('Second'), busyShop.shopId, busyShop.productId))).toEqual([
      'busy',
      'busy',
    ]);
    expect(h.ended.map((r) => r.call.status)).toEqual(['missed', 'busy']);
  });

  it('answers each of several calls arriving together on its own', async () => {
    const other = h.shop('Other');
    const results = await Promise.all([
      outcome(call(customer, shop.shopId, shop.productId)),
      outcome(call(customer, other.shopId, other.productId)),
      outcome(call(h.customer('B'), shop.shopId, other.productId)),
      outcome(call(h.customer('C'), shop.shopId, '00000000-0000-4000-8000-000000000000')),
    ]);
    expect(results).toEqual([
      ['ringing', null],
      [409, 'You already have a live call: end it first'],
      [400, `Product ${other.productId} is not sold by shop ${shop.shopId}: call the shop that sells it`],
      [404, 'Product 00000000-0000-4000-8000-000000000000 not found'],
    ]);
  });

  it("lets a shop call back only customers who contacted it; an offline customer's call is missed", async () => {
    const seller = shop.staff[0];
    const back = (customerId: string) =>
      outcome(
        h.starter.start(seller, {
          by: 'shop',
          shopId: shop.shopId,
          customerId,
          productId: null,
          type: 'audio',
          deviceId: null,
        }),
      );
    const stranger = h.customer('Stranger');
    expect(await back(stranger.id)).toEqual([
      403,
      'You can only call customers who have contacted your shop',
    ]);
    const away = h.customer('Away', false);
    h.repo.callbackRequests.add(`${shop.shopId}:${away.id}`);
    expect(await back(away.id)).toEqual(['missed', 'offline']);
    h.repo.callbackRequests.add(`${shop.shopId}:${customer.id}`);
    expect(await back(customer.id)).toEqual(['ringing', null]);
  });

  it('refuses a device id that is not a connected socket of the caller', async () => {
    h.presence.sockets.set('someone-elses', 'another-user');
    expect(
      await outcome(
        h.starter.start(customer, {
          by: 'customer',
          shopId: shop.shopId,
          productId: shop.productId,
          type: 'video',
          deviceId: 'someone-elses',
        }),
      ),
    ).toEqual([403, 'deviceId is not a connected socket of yours']);
    expect(h.repo.rows).toHaveLength(0);
  });
});
