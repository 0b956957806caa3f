import type { CallDto } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import {
  connectCalls,
  connectRaw,
  createShop,
  initiate,
  sleep,
  type CallClient,
  type TestShop,
} from './support/call-clients';
import { twoInstancesSharingRedis } from './support/two-instances';

const LIMITS = {
  CUSTOMER_MAX_SOCKETS: '2',
  CUSTOMER_CALLS_PER_MINUTE: '5',
  SHOP_RINGS_PER_CUSTOMER_PER_MINUTE: '2',
};

/** Resolves with the `connect_error` (message and data), or null once connected. */
function connectError(env: TestEnvironment, user: TestUser) {
  const socket = connectRaw(env, { token: user.accessToken });
  return new Promise<{ message: string; data?: unknown } | null>((resolve) => {
    socket.on('connect', () => resolve(null));
    socket.on('connect_error', (e: Error & { data?: unknown }) =>
      resolve({ message: e.message, data: e.data }),
    );
  }).finally(() => socket.disconnect());
}

/** The refusal a REST call or callback request past a limit gets: 429, Retry-After in seconds, a message. */
function expectRateLimited(
  res: { status: number; headers: Record<string, string>; body: unknown },
  message: RegExp,
) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
  expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message });
}

const socketCall = (client: CallClient, shop: TestShop) =>
  client.request<{ call: CallDto }>('call:initiate', { sellerId: shop.shopId, productId: shop.product.id });

describe('abuse limits per customer (real API, PostgreSQL, Socket.io)', () => {
  let env: TestEnvironment;
  const sockets: CallClient[] = [];
  const track = (c: CallClient) => (sockets.push(c), c);

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'calls_limits', env: LIMITS });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await env.close();
  });

  it('refuses a customer’s socket past CUSTOMER_MAX_SOCKETS at the handshake, and lets one in when another closes', async () => {
    const customer = await env.registerCustomer();
    const first = track(await connectCalls(env, customer));
    track(await connectCalls(env, customer));
    const refused = await connectError(env, customer);
    expect(refused?.message).toMatch(
      /^Too many connections: you are connected from 2 tabs or devices already/,
    );
    expect(refused?.data).toEqual({ code: 'RATE_LIMITED', message: refused?.message });
    // Someone else is not affected, and staff are not limited.
    expect(await connectError(env, await env.registerCustomer())).toBeNull();
    const shop = await createShop(env);
    for (let i = 0; i < 3; i++) track(await connectCalls(env, shop.owner));
    first.close();
    await sleep(200);
    track(await connectCalls(env, customer));
  });

  it('limits calls to one shop per customer across REST and two sockets; refused attempts ring nobody and are not recorded', async () => {
    const [shop, otherShop, customer] = await Promise.all([
      createShop(env),
      createShop(env),
      env.registerCustomer(),
    ]);
    const seller = track(await connectCalls(env, shop.owner));
    const [tab1, tab2] = [track(await connectCalls(env, customer)), track(await connectCalls(env, customer))];
    const first = (await socketCall(tab1, shop)) as { ok: true; call: CallDto };
    expect(first.call.status).toBe('ringing');
    await seller.next('call:incoming');
    expect((await tab1.request('call:cancel', { callId: first.call.id })).ok).toBe(true);
    const second = await initiate(env, customer, { sellerId: shop.shopId, productId: shop.product.id });
    expect(second.status).toBe(201);
    await seller.next('call:incoming');
    await env
      .http()
      .post(`/api/v2/calls/${second.body.id}/cancel`)
      .set('Authorization', customer.auth)
      .expect(200);

    // The third call to this shop within the minute, from the other tab: refused.
    const third = await socketCall(tab2, shop);
    expect(third).toEqual({
      ok: false,
      error: {
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/^Too many calls to this shop: try again in \d+ s$/),
      },
    });
    expectRateLimited(
      await initiate(env, customer, { sellerId: shop.shopId, productId: shop.product.id }),
      /^Too many calls to this shop/,
    );
    const earlier = [first.call.id, second.body.id];
    await seller.expectNone('call:incoming', 300, (p) => !earlier.includes((p['call'] as CallDto).id));
    const history = await env.http().get('/api/v2/calls').set('Authorization', shop.owner.auth).expect(200);
    expect(history.body.total).toBe(2);

    // Another shop still takes this customer's call (the fifth attempt of the minute) ...
    const elsewhere = await initiate(env, customer, {
      sellerId: otherShop.shopId,
      productId: otherShop.product.id,
    });
    expect(elsewhere.status).toBe(201);
    // ... and then every call and callback request of theirs is refused, to any shop, over either transport.
    expectRateLimited(
      await env
        .http()
        .post('/api/v2/callbacks')
        .set('Authorization', customer.auth)
        .send({ sellerId: otherShop.shopId, preference: 'video' }),
      /^Too many calls and callback requests: try again in \d+ s$/,
    );
    expect(await socketCall(tab1, otherShop)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });

  it("puts other customers' calls through while one customer hammers a shop", async () => {
    const [shop, attacker, shopper] = await Promise.all([
      createShop(env),
      env.registerCustomer(),
      env.registerCustomer(),
    ]);
    const seller = track(await connectCalls(env, shop.owner));
    const attackerTabs = [track(await connectCalls(env, attacker)), track(await connectCalls(env, attacker))];
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => socketCall(attackerTabs[i % 2], shop)),
    );
    const refused = replies.filter((r) => !r.ok).map((r) => (r as { error: { code: string } }).error.code);
    // One call rings; the rest are refused as over the limit or as a second live call.
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(refused.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(10);
    const ringing = replies.find((r) => r.ok) as { call: CallDto };
    await seller.next('call:incoming', (p: { call: CallDto }) => p.call.id === ringing.call.id);
    await seller.request('call:decline', { callId: ringing.call.id });

    const phone = track(await connectCalls(env, shopper));
    const call = (await socketCall(phone, shop)) as { ok: true; call: CallDto };
    expect(call).toMatchObject({ ok: true, call: { status: 'ringing' } });
    const incoming = await seller.next<{ call: CallDto }>('call:incoming', (p) => p.call.id === call.call.id);
    expect(incoming.call.customer.id).toBe(shopper.user.id);
  });
});

describe('abuse limits across two API instances sharing Redis', () => {
  const instances = twoInstancesSharingRedis('calls_limits_redis', LIMITS);

  it('counts a customer’s calls and sockets on both instances together', async () => {
    if (!instances.ready('multi-instance limits test')) return;
    const { a, b } = instances;
    const [shop, customer] = await Promise.all([createShop(a), a.registerCustomer()]);
    // Nobody at the shop is online: each call ends at once as missed, so the next may start.
    for (const env of [a, b]) {
      expect(
        (await initiate(env, customer, { sellerId: shop.shopId, productId: shop.product.id })).status,
      ).toBe(201);
    }
    expectRateLimited(
      await initiate(a, customer, { sellerId: shop.shopId, productId: shop.product.id }),
      /^Too many calls to this shop/,
    );
    const onA = await connectCalls(a, customer);
    const onB = await connectCalls(b, customer);
    try {
      expect((await connectError(a, customer))?.message).toMatch(/^Too many connections/);
      expect((await connectError(b, customer))?.message).toMatch(/^Too many connections/);
    } finally {
      onA.close();
      onB.close();
    }
  });
});
