import type { CallDto, CallHistoryItem } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import {
  acceptedCall,
  closeClientsAfterEach,
  createShop,
  sleep,
  type TestShop,
} from './support/call-clients';

/**
 * Rating a call, over the real API and PostgreSQL: only the customer of a call that connected
 * and ended, once, 1 to 5 stars; the shop reads it in its history.
 */
describe('rating a call (real API, PostgreSQL, Socket.io clients)', () => {
  let env: TestEnvironment;
  const track = closeClientsAfterEach();

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'calls_rating' });
  });
  afterAll(() => env.close());

  const rate = (user: TestUser, callId: string, body: unknown) =>
    env
      .http()
      .post(`/api/v2/calls/${callId}/rating`)
      .set('Authorization', user.auth)
      .send(body as object);

  async function history(user: TestUser): Promise<CallHistoryItem[]> {
    const res = await env.http().get('/api/v2/calls').set('Authorization', user.auth).expect(200);
    return res.body.items as CallHistoryItem[];
  }

  /** A call that connected (media both ways), talked a moment and was hung up. */
  async function completedCall(shop: TestShop, customer: TestUser): Promise<CallDto> {
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);
    await phone.request('call:media', { callId: call.id, flowing: true });
    await seller.request('call:media', { callId: call.id, flowing: true });
    await seller.next('call:connected');
    await sleep(1100);
    await seller.request('call:hangup', { callId: call.id });
    return call;
  }

  it('the customer rates a completed call once; the shop sees stars and comment in its history row', async () => {
    const shop = await createShop(env, 'Rated lamp');
    const customer = await env.registerCustomer();
    const call = await completedCall(shop, customer);

    const res = await rate(customer, call.id, { stars: 4, comment: '  Showed me the back panel.  ' }).expect(
      201,
    );
    expect(res.body).toEqual({
      stars: 4,
      comment: 'Showed me the back panel.',
      createdAt: expect.any(String),
    });

    const row = (await history(shop.owner)).find((c) => c.id === call.id);
    expect(row?.rating).toMatchObject({ stars: 4, comment: 'Showed me the back panel.' });
    // The shop's history is the shop's: a colleague sees it too; the customer sees their own rating.
    const colleague = await shop.addStaff();
    expect((await history(colleague)).find((c) => c.id === call.id)?.rating?.stars).toBe(4);
    expect((await history(customer)).find((c) => c.id === call.id)?.rating?.stars).toBe(4);

    // Once only; nothing changes.
    const again = await rate(customer, call.id, { stars: 1 }).expect(409);
    expect(again.body.message).toBe('You rated this call already');
    expect((await history(shop.owner)).find((c) => c.id === call.id)?.rating?.stars).toBe(4);
  });

  it('refuses the shop, strangers, calls that never connected or are live, and bad stars, changing nothing', async () => {
    const shop = await createShop(env, 'Unrated lamp');
    const customer = await env.registerCustomer();
    const call = await completedCall(shop, customer);

    const bySeller = await rate(shop.owner, call.id, { stars: 5 }).expect(403);
    expect(bySeller.body.message).toBe('Only the customer of a call rates it');
    await rate(await env.registerCustomer(), call.id, { stars: 5 }).expect(404);
    await rate((await createShop(env, 'Other')).owner, call.id, { stars: 5 }).expect(404);
    await env.http().post(`/api/v2/calls/${call.id}/rating`).send({ stars: 5 }).expect(401);
    for (const stars of [0, 6, 3.5, '5', null]) {
      const bad = await rate(customer, call.id, { stars }).expect(400);
      expect(bad.body.message).toContain('stars must be a whole number from 1 to 5');
    }
    await rate(customer, call.id, { stars: 5, comment: 'x'.repeat(1001) }).expect(400);
    await rate(customer, call.id, { stars: 5, extra: true }).expect(400);

    // Answered but hung up before media flowed: it never connected.
    const { seller, call: silent } = await acceptedCall(env, shop, customer, track);
    const live = await rate(customer, silent.id, { stars: 5 }).expect(409);
    expect(live.body.message).toBe('Only a call that connected and has ended can be rated');
    await seller.request('call:hangup', { callId: silent.id });
    await rate(customer, silent.id, { stars: 5 }).expect(409);

    expect((await history(shop.owner)).every((c) => c.rating === null)).toBe(true);
    // Now the right person, the right call.
    await rate(customer, call.id, { stars: 5 }).expect(201);
  });
});
