import type { CallDto, WaitingLineEntryDto, WaitingLineView } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import {
  acceptedCall,
  closeClientsAfterEach,
  connectCalls,
  createShop,
  sleep,
  type CallClient,
  type TestShop,
} from './support/call-clients';

type Entry = { entry: WaitingLineEntryDto };
const GRACE_MS = 3000;

/** The waiting line (real API, PostgreSQL, Socket.io clients). */
describe('waiting line', () => {
  let env: TestEnvironment;
  const track = closeClientsAfterEach();
  beforeAll(async () => {
    env = await createTestEnvironment({
      label: 'waiting_line',
      env: { CALL_RECONNECT_GRACE_MS: String(GRACE_MS) },
    });
  });
  afterAll(() => env.close());

  const initiate = (client: CallClient, shop: TestShop) =>
    client.request<{ call: CallDto }>('call:initiate', { sellerId: shop.shopId, productId: shop.product.id });
  const join = (client: CallClient, shop: TestShop) =>
    client.request<Entry>('line:join', { sellerId: shop.shopId, productId: shop.product.id });
  const view = (user: TestUser, shopId: string) =>
    env.http().get(`/api/v2/shops/${shopId}/waiting-line`).set('Authorization', user.auth);

  /** The shop's only staff member in a call with another customer, so everyone else is busy. */
  async function busyShop() {
    const shop = await createShop(env);
    const other = await env.registerCustomer();
    const { seller, phone, call } = await acceptedCall(env, shop, other, track);
    return { shop, seller, otherPhone: phone, firstCall: call };
  }

  async function customerOnline() {
    const user = await env.registerCustomer();
    return { user, phone: track(await connectCalls(env, user)) };
  }

  it('first come, first served: the busy customer waits, sees their place and wait, and is rung first when the seller frees up', async () => {
    const { shop, seller, firstCall } = await busyShop();
    const a = await customerOnline();
    const b = await customerOnline();

    const busy = await initiate(a.phone, shop);
    expect(busy).toMatchObject({ ok: true, call: { status: 'busy' } });
    const joinedA = await join(a.phone, shop);
    expect(joinedA).toMatchObject({
      ok: true,
      entry: { status: 'waiting', position: 1, estimatedWaitSeconds: 180, shopId: shop.shopId },
    });
    expect(await seller.next('line:length', (p: { length: number }) => p.length === 1)).toEqual({
      shopId: shop.shopId,
      length: 1,
    });
    expect(await initiate(b.phone, shop)).toMatchObject({ ok: true, call: { status: 'busy' } });
    expect(await join(b.phone, shop)).toMatchObject({
      ok: true,
      entry: { status: 'waiting', position: 2, estimatedWaitSeconds: 360 },
    });
    await seller.next('line:length', (p: { length: number }) => p.length === 2);

    const staffView = (await view(shop.owner, shop.shopId).expect(200)).body as WaitingLineView;
    expect(staffView.length).toBe(2);
    expect(staffView.entries?.map((e) => [e.position, e.customer.id])).toEqual([
      [1, a.user.user.id],
      [2, b.user.user.id],
    ]);
    const mineB = (await view(b.user, shop.shopId).expect(200)).body as WaitingLineView;
    expect(mineB).toMatchObject({ length: 2, mine: { position: 2, status: 'waiting' } });
    expect(mineB.entries).toBeUndefined();

    // The seller hangs up: A (first in line) is rung on the device that joined, B moves up.
    await seller.request('call:hangup', { callId: firstCall.id });
    const dispatched = await a.phone.next<{ entry: WaitingLineEntryDto; call: CallDto }>('line:dispatched');
    expect(dispatched.entry).toMatchObject({ status: 'rung', position: null, callId: dispatched.call.id });
    expect(dispatched.call).toMatchObject({ status: 'ringing', customer: { id: a.user.user.id } });
    const incoming = await seller.next<{ call: CallDto }>(
      'call:incoming',
      (p) => p.call.id === dispatched.call.id,
    );
    expect(incoming.call.customer.id).toBe(a.user.user.id);
    expect(await b.phone.next<Entry>('line:updated', (p) => p.entry.position === 1, 5000)).toMatchObject({
      entry: { status: 'waiting', position: 1 },
    });
    await b.phone.expectNone('line:dispatched', 300);
    // The seller answers: the call binds A's waiting device.
    expect(await seller.request('call:accept', { callId: dispatched.call.id })).toMatchObject({ ok: true });
    expect(await a.phone.next('call:accepted')).toMatchObject({ role: 'caller', deviceId: a.phone.id });
    expect((await view(shop.owner, shop.shopId).expect(200)).body).toMatchObject({ length: 1 });
    await seller.request('call:hangup', { callId: dispatched.call.id });
    // Then B.
    const second = await b.phone.next<{ call: CallDto }>('line:dispatched', () => true, 5000);
    expect(second.call).toMatchObject({ status: 'ringing', customer: { id: b.user.user.id } });
    await seller.next('line:length', (p: { length: number }) => p.length === 0);
  });

  it('leaving is one message: the customers behind move up and the staff see the new length', async () => {
    const { shop, seller } = await busyShop();
    const a = await customerOnline();
    const b = await customerOnline();
    await join(a.phone, shop);
    await join(b.phone, shop);
    const left = await a.phone.request<Entry>('line:leave', { shopId: shop.shopId });
    expect(left).toMatchObject({ ok: true, entry: { status: 'left', endReason: 'left', position: null } });
    expect(await b.phone.next<Entry>('line:updated', (p) => p.entry.position === 1)).toMatchObject({
      entry: { position: 1, estimatedWaitSeconds: 180 },
    });
    await seller.next('line:length', (p: { length: number }) => p.length === 1);
    expect((await view(a.user, shop.shopId).expect(200)).body).toMatchObject({
      length: 1,
      mine: { status: 'left', position: null },
    });
    // Leaving again (REST this time): there is nothing to leave.
    const again = await env
      .http()
      .delete(`/api/v2/shops/${shop.shopId}/waiting-line/me`)
      .set('Authorization', a.user.auth)
      .expect(404);
    expect(again.body.message).toBe("You are not waiting in this shop's line");
    // REST join and leave for B.
    const rest = await env
      .http()
      .delete(`/api/v2/shops/${shop.shopId}/waiting-line/me`)
      .set('Authorization', b.user.auth)
      .expect(200);
    expect(rest.body).toMatchObject({ status: 'left' });
    await seller.next('line:length', (p: { length: number }) => p.length === 0);
  });

  it('a new call does not overtake the line, even while the head is away; the head is dropped after the grace', async () => {
    const { shop, seller, firstCall } = await busyShop();
    const a = await customerOnline();
    await join(a.phone, shop);
    a.phone.close();
    await seller.request('call:hangup', { callId: firstCall.id });
    const c = await customerOnline();
    // The seller is free, but A still waits (within the grace): C is busy and offered the line.
    expect(await initiate(c.phone, shop)).toMatchObject({ ok: true, call: { status: 'busy' } });
    await seller.next('line:length', (p: { length: number }) => p.length === 0, GRACE_MS + 6000);
    expect((await view(a.user, shop.shopId).expect(200)).body).toMatchObject({
      length: 0,
      mine: { status: 'dropped', endReason: 'devices_gone' },
    });
    expect(await initiate(c.phone, shop)).toMatchObject({ ok: true, call: { status: 'ringing' } });
  }, 20_000);

  it('a customer back on a new tab within the grace keeps their place, and the call rings there', async () => {
    const { shop, seller, firstCall } = await busyShop();
    const a = await customerOnline();
    await join(a.phone, shop);
    a.phone.close();
    const tab = track(await connectCalls(env, a.user));
    // The new page hears where its customer stands.
    expect(await tab.next<Entry>('line:updated')).toMatchObject({
      entry: { status: 'waiting', position: 1 },
    });
    await seller.request('call:hangup', { callId: firstCall.id });
    const dispatched = await tab.next<{ call: CallDto }>('line:dispatched', () => true, 6000);
    expect(dispatched.call.status).toBe('ringing');
    expect(await seller.request('call:accept', { callId: dispatched.call.id })).toMatchObject({ ok: true });
    expect(await tab.next('call:accepted')).toMatchObject({ deviceId: tab.id });
  }, 15_000);

  it('refuses staff, strangers and bad input with a 4xx naming the problem, and writes nothing', async () => {
    const { shop, seller } = await busyShop();
    const colleague = await shop.addStaff();
    const otherShop = await createShop(env, 'Lamps');
    const a = await customerOnline();
    const post = (user: TestUser, shopId: string, body: unknown) =>
      env
        .http()
        .post(`/api/v2/shops/${shopId}/waiting-line`)
        .set('Authorization', user.auth)
        .send(body as object);
    const good = { productId: shop.product.id, deviceId: a.phone.id };

    // Staff cannot join, over REST or the socket.
    const staffDevice = track(await connectCalls(env, colleague));
    // The colleague does not take calls: the owner (in a call) is the only one who does.
    await staffDevice.request('presence:set-available', { available: false });
    expect(
      (
        await post(colleague, shop.shopId, { productId: shop.product.id, deviceId: staffDevice.id }).expect(
          403,
        )
      ).body.message,
    ).toBe("Only customers wait in a shop's line");
    expect(
      await seller.request('line:join', { sellerId: shop.shopId, productId: shop.product.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: "Only customers wait in a shop's line" },
    });
    // Bad input.
    expect((await post(a.user, shop.shopId, { ...good, productId: 'x' }).expect(400)).body.message).toContain(
      'productId must be a UUID',
    );
    expect((await post(a.user, 'nope', good).expect(400)).body.message).toContain('shopId');
    expect((await post(a.user, shop.shopId, { ...good, type: 'fax' }).expect(400)).body.message).toContain(
      'type must be video or audio',
    );
    expect((await post(a.user, shop.shopId, { ...good, admin: true }).expect(400)).body.message).toContain(
      'admin',
    );
    expect(
      (await post(a.user, shop.shopId, { ...good, deviceId: 'not a socket!' }).expect(400)).body.message,
    ).toContain('deviceId must be a socket id');
    expect(
      await a.phone.request('line:join', { sellerId: 'nope', productId: shop.product.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD', message: expect.stringContaining('sellerId must be a UUID') },
    });
    expect(await a.phone.request('line:leave', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    // Someone else's device, another shop's product, an unknown shop, a shop nobody answers for.
    expect((await post(a.user, shop.shopId, { ...good, deviceId: seller.id }).expect(403)).body.message).toBe(
      'deviceId is not a connected socket of yours',
    );
    expect(
      (await post(a.user, shop.shopId, { ...good, productId: otherShop.product.id }).expect(400)).body
        .message,
    ).toContain('is not sold by shop');
    await post(a.user, '00000000-0000-4000-8000-000000000000', good).expect(404);
    expect(
      (await post(a.user, otherShop.shopId, { ...good, productId: otherShop.product.id }).expect(409)).body
        .message,
    ).toBe('Nobody at this shop takes calls right now: ask for a callback instead');
    // Nothing was written.
    expect((await view(shop.owner, shop.shopId).expect(200)).body).toMatchObject({ length: 0, entries: [] });

    // A customer sees only their own place, never the others'; other shops' staff see nothing.
    await post(a.user, shop.shopId, good).expect(201);
    const b = await customerOnline();
    const bView = (await view(b.user, shop.shopId).expect(200)).body as WaitingLineView;
    expect(bView).toEqual({ shopId: shop.shopId, length: 1, estimatedWaitSeconds: 360, mine: null });
    expect((await view(otherShop.owner, shop.shopId).expect(403)).body.message).toBe(
      "Only the shop's staff see its line",
    );
    await env.http().get(`/api/v2/shops/${shop.shopId}/waiting-line`).expect(401);
    // One line at a time.
    track(await connectCalls(env, otherShop.owner));
    expect(
      (await post(a.user, otherShop.shopId, { ...good, productId: otherShop.product.id }).expect(409)).body
        .message,
    ).toMatch(/^You are already waiting in line for .+: leave that line first$/);
    // A customer in a live call cannot join.
    const { phone: livePhone } = await acceptedCall(env, otherShop, b.user, track);
    expect(
      (await post(b.user, shop.shopId, { productId: shop.product.id, deviceId: livePhone.id }).expect(409))
        .body.message,
    ).toBe('You already have a live call: end it first');
    // A customer leaving a line they are not in.
    expect(await b.phone.request('line:leave', { shopId: shop.shopId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await sleep(50);
  });
});

/** The line is in PostgreSQL: a new instance on the same database dispatches it. */
describe('waiting line across a restart', () => {
  it('entries survive and the new instance rings the head once the seller is free', async () => {
    const first = await createTestEnvironment({
      label: 'waiting_line_restart',
      keepDatabase: true,
      env: { CALL_RECONNECT_GRACE_MS: String(GRACE_MS) },
    });
    const shop = await createShop(first);
    const other = await first.registerCustomer();
    const a = await first.registerCustomer();
    const b = await first.registerCustomer();
    const clients: CallClient[] = [];
    const { seller, phone } = await acceptedCall(first, shop, other, (c) => (clients.push(c), c));
    for (const user of [a, b]) {
      const device = await connectCalls(first, user);
      clients.push(device);
      expect(
        await device.request('line:join', { sellerId: shop.shopId, productId: shop.product.id }),
      ).toMatchObject({ ok: true, entry: { status: 'waiting' } });
    }
    expect(seller.id && phone.id).toBeTruthy();
    clients.forEach((c) => c.close());
    await first.close();

    const second = await createTestEnvironment({
      databaseUrl: first.databaseUrl,
      env: { CALL_RECONNECT_GRACE_MS: String(GRACE_MS) },
    });
    try {
      const aDevice = await connectCalls(second, a);
      const bDevice = await connectCalls(second, b);
      const sellerDevice = await connectCalls(second, shop.owner);
      const line = (
        await second
          .http()
          .get(`/api/v2/shops/${shop.shopId}/waiting-line`)
          .set('Authorization', shop.owner.auth)
      ).body as WaitingLineView;
      expect(line.entries?.map((e) => e.customer.id)).toEqual([a.user.id, b.user.id]);
      // The old call's devices never came back: it fails after the grace, the seller is free, A is rung.
      const dispatched = await aDevice.next<{ call: CallDto }>(
        'line:dispatched',
        () => true,
        GRACE_MS + 8000,
      );
      expect(dispatched.call).toMatchObject({ status: 'ringing', customer: { id: a.user.id } });
      await sellerDevice.next('call:incoming', (p: { call: CallDto }) => p.call.id === dispatched.call.id);
      expect(await bDevice.next<Entry>('line:updated', (p) => p.entry.position === 1)).toMatchObject({
        entry: { status: 'waiting', position: 1 },
      });
      await bDevice.expectNone('line:dispatched', 500);
      [aDevice, bDevice, sellerDevice].forEach((c) => c.close());
      await sleep(100);
    } finally {
      await second.close();
    }
  }, 30_000);
});
