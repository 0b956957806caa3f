import type { CallDto } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment';
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
});
