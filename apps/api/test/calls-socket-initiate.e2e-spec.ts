import { HttpException } from '@nestjs/common';
import type { CallDto, InitiateCallRequest } from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';
import { CallStarter, callRequestFrom } from '@callshop/api/calls';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import { connectCalls, createShop, type CallClient } from './support/call-clients';

describe('call:initiate over the socket (real API, PostgreSQL, Socket.io clients)', () => {
  let env: TestEnvironment;
  const clients: CallClient[] = [];
  const track = (c: CallClient) => (clients.push(c), c);

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'calls_socket_initiate' });
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.close());
  });
  afterAll(() => env.close());

  it('rings the shop like the REST route and binds the calling socket as the caller device', async () => {
    const shop = await createShop(env, 'Tube amplifier');
    const customer = await env.registerCustomer();
    const seller = track(await connectCalls(env, shop.owner));
    const phone = track(await connectCalls(env, customer));
    const otherTab = track(await connectCalls(env, customer));

    const ack = await phone.request('call:initiate', {
      sellerId: shop.shopId,
      productId: shop.product.id,
      type: 'audio',
    });
    expect(ack).toMatchObject({
      ok: true,
      call: { status: 'ringing', type: 'audio', product: { name: 'Tube amplifier' } },
    });
    const call = ack['call'] as CallDto;
    const incoming = await seller.next<{ call: CallDto }>('call:incoming');
    expect(incoming.call.id).toBe(call.id);

    expect(await seller.request('call:accept', { callId: call.id })).toMatchObject({
      ok: true,
      role: 'callee',
    });
    expect(await phone.next('call:accepted')).toMatchObject({
      deviceId: phone.id,
      role: 'caller',
      polite: false,
    });
    // The call belongs to the device that placed it: another tab of the same customer cannot signal.
    expect(
      await otherTab.request('call:signal', {
        callId: call.id,
        signal: { kind: 'media', audio: true, video: false },
      }),
    ).toMatchObject({ ok: false });
    expect(await phone.request('call:hangup', { callId: call.id })).toMatchObject({
      ok: true,
      call: { status: 'ended' },
    });
  });

  it('gives the same refusals as the REST route, as error acks, and changes nothing', async () => {
    const shop = await createShop(env);
    const other = await createShop(env, 'Lamp');
    const customer = await env.registerCustomer();
    const phone = track(await connectCalls(env, customer));
    track(await connectCalls(env, shop.owner));

    const wrongShop = await phone.request('call:initiate', {
      sellerId: other.shopId,
      productId: shop.product.id,
    });
    expect(wrongShop).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(wrongShop.ok === false && wrongShop.error.message).toMatch(/not sold by shop/);
    expect(
      await phone.request('call:initiate', { sellerId: 'nope', productId: shop.product.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD', message: 'sellerId must be a UUID' },
    });
    expect(
      await phone.request('call:initiate', {
        sellerId: shop.shopId,
        productId: shop.product.id,
        deviceId: 'x',
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', message: 'Unknown field deviceId' } });
    expect(await phone.request('call:initiate', 'ring ring')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    // A seller may not call a customer who never contacted the shop.
    const seller = track(await connectCalls(env, other.owner));
    expect(await seller.request('call:initiate', { customerId: customer.user.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const history = await env.http().get('/api/v2/calls').set('Authorization', customer.auth).expect(200);
    expect(history.body.total).toBe(0);
  });

  it('answers each of many calls placed in the same instant on its own, as one statement records them', async () => {
    const [a, b, c] = [
      await createShop(env, 'Amp'),
      await createShop(env, 'Bass'),
      await createShop(env, 'Cello'),
    ];
    const sellerA = track(await connectCalls(env, a.owner));
    const sellerB = track(await connectCalls(env, b.owner));
    // Shop C has nobody online.
    const customers = await Promise.all(Array.from({ length: 5 }, () => env.registerCustomer()));
    for (const customer of customers) track(await connectCalls(env, customer));
    const as = (u: TestUser) => ({ id: u.user.id, role: u.user.role, name: u.user.name });
    const starter = env.app.get(CallStarter);
    const calls = {
      initiate: async (user: AuthUser, body: InitiateCallRequest) =>
        starter.start(user, callRequestFrom(user, body)),
    };
    const unknownProduct = '00000000-0000-4000-8000-000000000000';
    // Pushed in the same turn of the event loop: recorded by one statement.
    const results = await Promise.allSettled([
      calls.initiate(as(customers[0]), { sellerId: a.shopId, productId: a.product.id }),
      calls.initiate(as(customers[0]), { sellerId: b.shopId, productId: b.product.id }),
      calls.initiate(as(customers[1]), { sellerId: b.shopId, productId: b.product.id, type: 'audio' }),
      calls.initiate(as(customers[2]), { sellerId: a.shopId, productId: b.product.id }),
      calls.initiate(as(customers[3]), { sellerId: a.shopId, productId: unknownProduct }),
      calls.initiate(as(customers[4]), { sellerId: c.shopId, productId: c.product.id }),
    ]);
    const outcome = (r: PromiseSettledResult<CallDto>) =>
      r.status === 'fulfilled'
        ? { status: r.value.status, customer: r.value.customer.id, shop: r.value.shop.id }
        : { error: (r.reason as HttpException).getStatus(), message: (r.reason as Error).message };
    expect(results.map(outcome)).toEqual([
      { status: 'ringing', customer: customers[0].user.id, shop: a.shopId },
      { error: 409, message: 'You already have a live call: end it first' },
      { status: 'ringing', customer: customers[1].user.id, shop: b.shopId },
      { error: 400, message: expect.stringMatching(/not sold by shop/) },
      { error: 404, message: `Product ${unknownProduct} not found` },
      { status: 'missed', customer: customers[4].user.id, shop: c.shopId },
    ]);
    const [first, , second] = results.map((r) => (r.status === 'fulfilled' ? r.value : null));
    expect((await sellerA.next<{ call: CallDto }>('call:incoming')).call).toMatchObject({
      id: first?.id,
      customer: { id: customers[0].user.id, name: customers[0].user.name },
      product: { name: 'Amp' },
    });
    expect((await sellerB.next<{ call: CallDto }>('call:incoming')).call).toMatchObject({
      id: second?.id,
      type: 'audio',
      customer: { id: customers[1].user.id },
      product: { name: 'Bass' },
    });
    // Nothing else rings: not the refused calls, not the customer's second call.
    const other = (id?: string) => (p: Record<string, unknown>) => (p['call'] as CallDto).id !== id;
    await sellerA.expectNone('call:incoming', 300, other(first?.id));
    await sellerB.expectNone('call:incoming', 100, other(second?.id));
    const missed = await env.http().get('/api/v2/calls').set('Authorization', c.owner.auth).expect(200);
    expect(missed.body.items).toMatchObject([{ status: 'missed', endReason: 'offline' }]);
    for (const [customer, total] of [
      [customers[2], 0],
      [customers[3], 0],
      [customers[0], 1],
    ] as const) {
      const history = await env.http().get('/api/v2/calls').set('Authorization', customer.auth).expect(200);
      expect(history.body.total).toBe(total);
    }
  });
});
