import { DateTime } from 'luxon';
import type { OpeningHoursDto, ShopPresence } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment';
import {
  closeClientsAfterEach,
  connectCalls,
  createShop,
  customerCalls,
  initiate,
} from './support/call-clients';

const ZONE = 'America/New_York';

/** Opening hours: set by the shop's staff, read by anyone; outside them a customer's call does not ring. */
describe('shop opening hours (real API, PostgreSQL, Socket.io clients)', () => {
  let env: TestEnvironment;
  const track = closeClientsAfterEach();
  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'opening_hours' });
  });
  afterAll(() => env.close());

  const today = () => DateTime.now().setZone(ZONE);
  const allDayToday = () => ({
    timeZone: ZONE,
    weekly: [{ day: today().weekday, opens: '00:00', closes: '24:00' }],
  });

  it('a shop closed today does not ring; open again, it rings; the storefront reads where it stands', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const url = `/api/v2/shops/${shop.shopId}/opening-hours`;
    expect((await env.http().get(url).expect(200)).body).toEqual({});
    const seller = track(await connectCalls(env, shop.owner));

    const closedToday = { ...allDayToday(), closures: [today().toISODate()] };
    const set = await env.http().put(url).set('Authorization', shop.owner.auth).send(closedToday).expect(200);
    expect(set.body).toMatchObject({ ...closedToday, openNow: false, closesAt: null });
    // Next week, same weekday, midnight in New York.
    const nextOpen = today().startOf('day').plus({ weeks: 1 }).toUTC().toISO();
    expect(set.body.nextOpenAt).toBe(nextOpen);
    expect((await env.http().get(url).expect(200)).body as OpeningHoursDto).toMatchObject({ openNow: false });

    const refused = await initiate(env, customer, {
      sellerId: shop.shopId,
      productId: shop.product.id,
    }).expect(409);
    expect(refused.body.message).toContain('closed now');
    await seller.expectNone('call:incoming', 300);
    const phone = track(await connectCalls(env, customer));
    expect(
      await phone.request('call:initiate', { sellerId: shop.shopId, productId: shop.product.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const calls = await env.http().get('/api/v2/calls').set('Authorization', shop.owner.auth).expect(200);
    expect(calls.body.total).toBe(0);
    // A callback request is still welcome.
    await env
      .http()
      .post('/api/v2/callbacks')
      .set('Authorization', customer.auth)
      .send({ sellerId: shop.shopId, productId: shop.product.id, preference: 'video' })
      .expect(201);
    const presence = await env.http().get(`/api/v2/presence/shops?ids=${shop.shopId}`).expect(200);
    expect((presence.body as ShopPresence[])[0]).toMatchObject({
      online: true,
      hours: { openNow: false, nextOpenAt: nextOpen },
    });

    await env
      .http()
      .put(url)
      .set('Authorization', shop.owner.auth)
      .send({ ...allDayToday(), closures: [] })
      .expect(200);
    expect((await customerCalls(env, customer, shop, phone)).status).toBe('ringing');
    await seller.next('call:incoming');

    await env.http().delete(url).set('Authorization', shop.owner.auth).expect(204);
    expect((await env.http().get(url).expect(200)).body).toEqual({});
  });

  it("only the shop's staff set hours, and a bad schedule is refused naming every problem", async () => {
    const shop = await createShop(env);
    const other = await createShop(env);
    const customer = await env.registerCustomer();
    const url = `/api/v2/shops/${shop.shopId}/opening-hours`;
    const good = { ...allDayToday(), closures: [] };
    await env.http().put(url).send(good).expect(401);
    await env.http().put(url).set('Authorization', customer.auth).send(good).expect(403);
    await env.http().put(url).set('Authorization', other.owner.auth).send(good).expect(403);
    await env.http().delete(url).set('Authorization', other.owner.auth).expect(403);
    const bad = await env
      .http()
      .put(url)
      .set('Authorization', shop.owner.auth)
      .send({
        timeZone: 'Mars/Olympus',
        weekly: [{ day: 1, opens: '18:00', closes: '09:00' }],
        closures: ['soon'],
      })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('not a known IANA time zone');
    expect(JSON.stringify(bad.body)).toContain('closes before it opens');
    expect(JSON.stringify(bad.body)).toContain('closures[0] must be a date');
    await env.http().put(url).set('Authorization', shop.owner.auth).send({ timeZone: ZONE }).expect(400);
    await env.http().get('/api/v2/shops/nope/opening-hours').expect(400);
    expect((await env.http().get(url).expect(200)).body).toEqual({});
  });
});
