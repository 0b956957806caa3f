import { randomUUID } from 'node:crypto';
import type { BlockedCustomerDto, CallDto } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import {
  connectCalls,
  createShop,
  initiate,
  sleep,
  type CallClient,
  type TestShop,
} from './support/call-clients';

const BLOCKED = 'This shop is not taking your calls';

describe('a shop blocks a customer (real API, PostgreSQL, Socket.io)', () => {
  let env: TestEnvironment;
  let shop: TestShop;
  let otherShop: TestShop;
  let staff: TestUser;
  let customer: TestUser;
  let stranger: TestUser;
  let seller: CallClient;
  let phone: CallClient;
  const blockedPath = (customerId = customer.user.id, shopId = shop.shopId) =>
    `/api/v2/shops/${shopId}/blocked-customers/${customerId}`;
  const listPath = (shopId = shop.shopId) => `/api/v2/shops/${shopId}/blocked-customers`;
  const callShop = () =>
    phone.request<{ call: CallDto }>('call:initiate', { sellerId: shop.shopId, productId: shop.product.id });
  const shopCalls = async () =>
    (await env.http().get('/api/v2/calls').set('Authorization', shop.owner.auth).expect(200)).body
      .total as number;

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'calls_blocking' });
    [shop, otherShop, customer, stranger] = await Promise.all([
      createShop(env),
      createShop(env),
      env.registerCustomer({ phoneNumber: '+1 555 010 2030' }),
      env.registerCustomer(),
    ]);
    staff = await shop.addStaff();
    seller = await connectCalls(env, shop.owner);
    phone = await connectCalls(env, customer);
    // The customer contacts the shop once: a call the seller declines.
    const first = (await callShop()) as { ok: true; call: CallDto };
    await seller.next('call:incoming');
    await seller.request('call:decline', { callId: first.call.id });
  });
  afterAll(async () => {
    seller?.close();
    phone?.close();
    await env.close();
  });

  it.each([
    ['anonymous', () => undefined, 401],
    ['the customer', () => customer.auth, 403],
    ["another shop's seller", () => otherShop.owner.auth, 403],
  ])('refuses %s blocking, listing or unblocking (%i)', async (_who, auth, status) => {
    for (const req of [
      env.http().put(blockedPath()),
      env.http().get(listPath()),
      env.http().delete(blockedPath()),
    ]) {
      const header = auth();
      const res = await (header ? req.set('Authorization', header) : req);
      expect(res.status).toBe(status);
      expect(JSON.stringify(res.body)).not.toContain(customer.user.name);
    }
    const list = await env.http().get(listPath()).set('Authorization', shop.owner.auth).expect(200);
    expect(list.body).toEqual([]);
  });

  it('blocks only customers who contacted the shop, and names bad ids', async () => {
    const never = await env.http().put(blockedPath(stranger.user.id)).set('Authorization', shop.owner.auth);
    expect(never.status).toBe(404);
    expect(never.body.message).toBe(`Customer ${stranger.user.id} has not contacted this shop`);
    const unknown = await env.http().put(blockedPath(randomUUID())).set('Authorization', shop.owner.auth);
    expect(unknown.status).toBe(404);
    const bad = await env.http().put(blockedPath('not-a-uuid')).set('Authorization', shop.owner.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/customerId/);
  });

  it("refuses a blocked customer's calls and callback requests: nothing rings, nothing is recorded", async () => {
    const blocked = await env.http().put(blockedPath()).set('Authorization', staff.auth).expect(200);
    expect(blocked.body).toMatchObject({
      customer: { id: customer.user.id, name: customer.user.name },
      blockedBy: { id: staff.user.id },
    });
    // Blocking again changes nothing.
    await env.http().put(blockedPath()).set('Authorization', shop.owner.auth).expect(200);
    const list = await env.http().get(listPath()).set('Authorization', shop.owner.auth).expect(200);
    expect((list.body as BlockedCustomerDto[]).map((b) => [b.customer.id, b.blockedBy?.id])).toEqual([
      [customer.user.id, staff.user.id],
    ]);

    const before = await shopCalls();
    const rings = seller.received('call:incoming').length;
    expect(await callShop()).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: BLOCKED } });
    const rest = await initiate(env, customer, { sellerId: shop.shopId, productId: shop.product.id });
    expect(rest.status).toBe(403);
    expect(rest.body.message).toBe(BLOCKED);
    const callback = await env
      .http()
      .post('/api/v2/callbacks')
      .set('Authorization', customer.auth)
      .send({ sellerId: shop.shopId, preference: 'phone' });
    expect(callback.status).toBe(403);
    expect(callback.body.message).toBe(BLOCKED);
    await sleep(300);
    expect(seller.received('call:incoming')).toHaveLength(rings);
    expect(seller.received('callback:updated')).toHaveLength(0);
    expect(await shopCalls()).toBe(before);
    const summary = await env
      .http()
      .get('/api/v2/calls/summary')
      .set('Authorization', shop.owner.auth)
      .expect(200);
    expect(summary.body.openCallbacks).toBe(0);
    const mine = await env.http().get('/api/v2/calls').set('Authorization', customer.auth).expect(200);
    expect(mine.body.total).toBe(before);

    // Other shops still take the customer's calls.
    const elsewhere = await initiate(env, customer, {
      sellerId: otherShop.shopId,
      productId: otherShop.product.id,
    });
    expect(elsewhere.status).toBe(201);
  });

  it('unblocked, the customer rings the shop again', async () => {
    await env.http().delete(blockedPath()).set('Authorization', shop.owner.auth).expect(204);
    const again = await env.http().delete(blockedPath()).set('Authorization', shop.owner.auth);
    expect(again.status).toBe(404);
    expect(again.body.message).toBe(`Customer ${customer.user.id} is not blocked`);
    const call = (await callShop()) as { ok: true; call: CallDto };
    expect(call).toMatchObject({ ok: true, call: { status: 'ringing' } });
    const incoming = await seller.next<{ call: CallDto }>('call:incoming', (p) => p.call.id === call.call.id);
    expect(incoming.call.customer.id).toBe(customer.user.id);
    await phone.request('call:cancel', { callId: call.call.id });
  });
});
