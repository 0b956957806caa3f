import { createTestEnvironment, type TestEnvironment } from './support/test-environment';
import { connectCalls, createShop, customerCalls, sleep, type CallClient } from './support/call-clients';

type Presence = { shopId: string; online: boolean; available: boolean };

describe("calls: a seller's availability is per user, across their devices (real API, PostgreSQL)", () => {
  let env: TestEnvironment;
  const clients: CallClient[] = [];
  const track = (c: CallClient) => (clients.push(c), c);

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'calls_availability' });
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.close());
  });
  afterAll(() => env?.close());

  it('a choice made on one device applies to every device of the seller, and they are all told', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const watcher = track(await connectCalls(env, customer));
    const laptop = track(await connectCalls(env, shop.owner));
    expect(laptop.session).toMatchObject({ available: true, availabilityFrom: 'default' });
    const phone = track(await connectCalls(env, shop.owner));
    expect(phone.session).toMatchObject({ available: true, availabilityFrom: 'devices' });
    expect(await watcher.request('presence:subscribe', { shopId: shop.shopId })).toMatchObject({
      presence: { online: true, available: true },
    });

    expect(await laptop.request('presence:set-available', { available: false })).toMatchObject({
      ok: true,
      presence: { shopId: shop.shopId, online: true, available: false },
    });
    expect(await phone.next('presence:self')).toEqual({ available: false });
    expect(await laptop.next('presence:self')).toEqual({ available: false });
    expect(await watcher.next<Presence>('presence:shop', (p) => !p.available)).toEqual({
      shopId: shop.shopId,
      online: true,
      available: false,
    });
    // Neither device rings: the call is missed at once.
    expect(await customerCalls(env, customer, shop)).toMatchObject({
      status: 'missed',
      endReason: 'offline',
    });
    await phone.expectNone('call:incoming', 100);

    // A new device of the seller starts with the choice the others hold.
    const tablet = track(await connectCalls(env, shop.owner));
    expect(tablet.session).toMatchObject({ available: false, availabilityFrom: 'devices' });
    await watcher.next<Presence>('presence:shop');

    // Back to available from the newest device: every device, and the shop, follow.
    await tablet.request('presence:set-available', { available: true });
    for (const device of [laptop, phone, tablet]) {
      expect(await device.next('presence:self')).toEqual({ available: true });
    }
    expect(await watcher.next<Presence>('presence:shop', (p) => p.available)).toMatchObject({
      available: true,
    });
    const call = await customerCalls(env, customer, shop);
    expect(call.status).toBe('ringing');
    for (const device of [laptop, phone, tablet]) {
      expect(await device.next<{ call: { id: string } }>('call:incoming')).toMatchObject({
        call: { id: call.id },
      });
    }
    await laptop.request('call:decline', { callId: call.id });
  });

  it('is not pushed to other users, staff of the same shop included; the choice lasts while a device is connected', async () => {
    const shop = await createShop(env);
    const staff = await shop.addStaff();
    const owner = track(await connectCalls(env, shop.owner));
    const colleague = track(await connectCalls(env, staff));
    const customer = track(await connectCalls(env, await env.registerCustomer()));

    await owner.request('presence:set-available', { available: false });
    expect(await owner.next('presence:self')).toEqual({ available: false });
    await colleague.expectNone('presence:self', 150);
    await customer.expectNone('presence:self', 0);
    // The colleague still takes calls: the shop stays available.
    expect(await colleague.next<Presence>('presence:shop', (p) => p.shopId === shop.shopId)).toMatchObject({
      available: true,
    });
    expect(await customer.request('presence:set-available', { available: false })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    // While one device of the owner stays, the choice stays; once the last one goes, a new first
    // device starts available again.
    const second = track(await connectCalls(env, shop.owner));
    expect(second.session).toMatchObject({ available: false, availabilityFrom: 'devices' });
    owner.close();
    await sleep(100);
    const third = track(await connectCalls(env, shop.owner));
    expect(third.session).toMatchObject({ available: false, availabilityFrom: 'devices' });
    second.close();
    third.close();
    await sleep(100);
    const fresh = track(await connectCalls(env, shop.owner));
    expect(fresh.session).toMatchObject({ available: true, availabilityFrom: 'default' });
  });
});
