import type { CallbackRequestDto, CallDto } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import {
  closeClientsAfterEach,
  connectCalls,
  createShop,
  initiate,
  type CallClient,
  type TestShop,
} from './support/call-clients';

/** The callback loop: a call placed from a request closes it once completed; "Mark done" is not "called back". */
describe('callback requests and the calls that answer them (real API, PostgreSQL, Socket.io clients)', () => {
  let env: TestEnvironment;
  const track = closeClientsAfterEach();
  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'calls_callbacks' });
  });
  afterAll(() => env.close());

  async function askForCallback(shop: TestShop, customer: TestUser): Promise<CallbackRequestDto> {
    const res = await env
      .http()
      .post('/api/v2/callbacks')
      .set('Authorization', customer.auth)
      .send({ sellerId: shop.shopId, productId: shop.product.id, preference: 'video' })
      .expect(201);
    return res.body as CallbackRequestDto;
  }

  async function callbacksOf(user: TestUser): Promise<CallbackRequestDto[]> {
    const res = await env.http().get('/api/v2/callbacks').set('Authorization', user.auth).expect(200);
    return res.body.items as CallbackRequestDto[];
  }

  /** The seller calls back from the request; the customer answers. */
  async function callBack(shop: TestShop, customer: TestUser, requestId: string) {
    const seller = track(await connectCalls(env, shop.owner));
    const phone = track(await connectCalls(env, customer));
    const res = await initiate(env, shop.owner, {
      customerId: customer.user.id,
      productId: shop.product.id,
      deviceId: seller.id,
      callbackRequestId: requestId,
    }).expect(201);
    const call = res.body as CallDto;
    await phone.next('call:incoming');
    return { seller, phone, call };
  }

  async function connectAndHangUp(seller: CallClient, phone: CallClient, callId: string): Promise<void> {
    expect(await phone.request('call:accept', { callId })).toMatchObject({ ok: true });
    await seller.next('call:accepted');
    await phone.request('call:media', { callId, flowing: true });
    await seller.request('call:media', { callId, flowing: true });
    await seller.next('call:connected');
    expect(await seller.request('call:hangup', { callId })).toMatchObject({
      ok: true,
      call: { status: 'ended' },
    });
  }

  it('a completed call placed from the request closes it as called back, on both sides and live', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const request = await askForCallback(shop, customer);
    expect(request).toMatchObject({ status: 'open', callId: null });

    // A first attempt the customer declines leaves the request open.
    const first = await callBack(shop, customer, request.id);
    expect(await first.phone.request('call:decline', { callId: first.call.id })).toMatchObject({ ok: true });
    await first.seller.next('call:ended');
    expect((await callbacksOf(shop.owner)).find((r) => r.id === request.id)).toMatchObject({
      status: 'open',
      callId: first.call.id,
    });

    const second = await callBack(shop, customer, request.id);
    await connectAndHangUp(second.seller, second.phone, second.call.id);
    const pushed = await second.phone.next<{ callback: CallbackRequestDto }>('callback:updated');
    expect(pushed.callback).toMatchObject({ id: request.id, status: 'called_back', callId: second.call.id });
    expect(pushed.callback).not.toHaveProperty('customerPhone');
    expect(await second.seller.next('callback:updated')).toMatchObject({
      callback: { id: request.id, status: 'called_back', handledBy: { id: shop.owner.user.id } },
    });
    expect((await callbacksOf(customer)).find((r) => r.id === request.id)).toMatchObject({
      status: 'called_back',
      callId: second.call.id,
    });
    const summary = await env
      .http()
      .get('/api/v2/calls/summary')
      .set('Authorization', shop.owner.auth)
      .expect(200);
    expect(summary.body).toMatchObject({ openCallbacks: 0 });
    // Closed: another call from it is refused, and the customer may ask again.
    await initiate(env, shop.owner, { customerId: customer.user.id, callbackRequestId: request.id }).expect(
      409,
    );
    await askForCallback(shop, customer);
  });

  it('"Mark done" without a call is done, not called back, for the customer too; called_back cannot be set by hand', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const request = await askForCallback(shop, customer);
    await env
      .http()
      .patch(`/api/v2/callbacks/${request.id}`)
      .set('Authorization', shop.owner.auth)
      .send({ status: 'called_back' })
      .expect(400);
    const res = await env
      .http()
      .patch(`/api/v2/callbacks/${request.id}`)
      .set('Authorization', shop.owner.auth)
      .send({ status: 'done' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'done', callId: null, handledBy: { id: shop.owner.user.id } });
    expect((await callbacksOf(customer)).find((r) => r.id === request.id)).toMatchObject({
      status: 'done',
      callId: null,
    });
  });

  it("refuses a call from a request that is not this shop and customer's open request, recording nothing", async () => {
    const shop = await createShop(env);
    const other = await createShop(env);
    const customer = await env.registerCustomer();
    const stranger = await env.registerCustomer();
    const request = await askForCallback(shop, customer);
    await askForCallback(shop, stranger);
    const byOther = await initiate(env, other.owner, {
      customerId: customer.user.id,
      callbackRequestId: request.id,
    });
    // The other shop's staff may not call this customer at all (never contacted them).
    expect(byOther.status).toBe(403);
    const wrongCustomer = await initiate(env, shop.owner, {
      customerId: stranger.user.id,
      callbackRequestId: request.id,
    }).expect(400);
    expect(wrongCustomer.body.message).toContain('is not from customer');
    const fromCustomer = await initiate(env, customer, {
      sellerId: shop.shopId,
      productId: shop.product.id,
      callbackRequestId: request.id,
    }).expect(400);
    expect(fromCustomer.body.message).toContain('callbackRequestId is for sellers');
    await initiate(env, shop.owner, { customerId: customer.user.id, callbackRequestId: 'nope' }).expect(400);
    const calls = await env.http().get('/api/v2/calls').set('Authorization', shop.owner.auth).expect(200);
    expect(calls.body.total).toBe(0);
    expect((await callbacksOf(shop.owner)).every((r) => r.status === 'open' && r.callId === null)).toBe(true);
  });
});
