import type { CallDto, WaitingLineEntryDto, WaitingLineView } from '@callshop/contracts';
import { WaitingLine } from '@callshop/api/calls';
import { twoInstancesSharingRedis } from './support/two-instances';
import { acceptedCall, connectCalls, createShop, sleep, type CallClient } from './support/call-clients';
import type { TestEnvironment } from './support/test-environment';

type Dispatched = { entry: WaitingLineEntryDto; call: CallDto };

/** The waiting line with two API instances on one database and one Redis. */
describe('waiting line across two instances', () => {
  const instances = twoInstancesSharingRedis('waiting_line_instances');
  const clients: CallClient[] = [];
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  const connect = async (env: TestEnvironment, user: Parameters<typeof connectCalls>[1]) => {
    const c = await connectCalls(env, user);
    clients.push(c);
    return c;
  };

  it('two staff free up on different instances while both dispatch at once: one call per freed staff member, in line order', async () => {
    if (!instances.ready('multi-instance waiting line test')) return;
    const { a, b } = instances;
    const shop = await createShop(a);
    const colleague = await shop.addStaff();
    const track = (c: CallClient) => (clients.push(c), c);
    // The owner (on A) and the colleague (on B) each in a call.
    const first = await acceptedCall(a, shop, await a.registerCustomer(), track);
    const colleagueDevice = await connect(b, colleague);
    const otherCustomer = await b.registerCustomer();
    const otherPhone = await connect(b, otherCustomer);
    const second = await otherPhone.request<{ call: CallDto }>('call:initiate', {
      sellerId: shop.shopId,
      productId: shop.product.id,
    });
    if (!second.ok) throw new Error(JSON.stringify(second));
    await colleagueDevice.next('call:incoming', (p: { call: CallDto }) => p.call.id === second.call.id);
    expect(await colleagueDevice.request('call:accept', { callId: second.call.id })).toMatchObject({
      ok: true,
    });

    // Three customers wait, on alternating instances, in this order.
    const waiting: { id: string; device: CallClient }[] = [];
    for (const env of [a, b, a]) {
      const user = await env.registerCustomer();
      const device = await connect(env, user);
      expect(
        await device.request('line:join', { sellerId: shop.shopId, productId: shop.product.id }),
      ).toMatchObject({ ok: true, entry: { position: waiting.length + 1 } });
      waiting.push({ id: user.user.id, device });
    }

    // Both staff hang up, each on their own instance, and both instances dispatch at the same moment.
    await Promise.all([
      first.seller.request('call:hangup', { callId: first.call.id }),
      colleagueDevice.request('call:hangup', { callId: second.call.id }),
    ]);
    const started = await Promise.all([
      a.app.get(WaitingLine).dispatch(shop.shopId),
      b.app.get(WaitingLine).dispatch(shop.shopId),
      a.app.get(WaitingLine).dispatch(shop.shopId),
      b.app.get(WaitingLine).dispatch(shop.shopId),
    ]);
    expect(started.reduce((n, x) => n + x, 0)).toBeLessThanOrEqual(2);

    // The first two in line are rung, the third moves to the head and is not.
    const [one, two, three] = waiting;
    const d1 = await one.device.next<Dispatched>('line:dispatched', () => true, 6000);
    const d2 = await two.device.next<Dispatched>('line:dispatched', () => true, 6000);
    expect([d1.call.customer.id, d2.call.customer.id]).toEqual([one.id, two.id]);
    expect(d1.call.status).toBe('ringing');
    expect(d2.call.status).toBe('ringing');
    expect(
      await three.device.next<{ entry: WaitingLineEntryDto }>('line:updated', (p) => p.entry.position === 1),
    ).toBeTruthy();
    await sleep(2500); // at least one sweep of each instance
    expect(three.device.received('line:dispatched')).toEqual([]);
    for (const w of waiting) expect(w.device.received('line:dispatched').length).toBeLessThanOrEqual(1);
    const line = (
      await a.http().get(`/api/v2/shops/${shop.shopId}/waiting-line`).set('Authorization', shop.owner.auth)
    ).body as WaitingLineView;
    expect(line.entries?.map((e) => e.customer.id)).toEqual([three.id]);
    // Exactly two calls ring at the shop: each staff device was rung twice (both calls), no more.
    const ringing = first.seller
      .received('call:incoming')
      .map((p) => (p as { call: CallDto }).call.id)
      .filter((id) => id === d1.call.id || id === d2.call.id);
    expect(new Set(ringing)).toEqual(new Set([d1.call.id, d2.call.id]));

    // One answer each; when one of them hangs up, the third is rung.
    expect(await first.seller.request('call:accept', { callId: d1.call.id })).toMatchObject({ ok: true });
    expect(await colleagueDevice.request('call:accept', { callId: d2.call.id })).toMatchObject({ ok: true });
    await colleagueDevice.request('call:hangup', { callId: d2.call.id });
    const d3 = await three.device.next<Dispatched>('line:dispatched', () => true, 6000);
    expect(d3.call).toMatchObject({ status: 'ringing', customer: { id: three.id } });
    await sleep(100);
  }, 40_000);
});
