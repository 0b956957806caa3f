import type { ShopPresence } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment';
import { closeClientsAfterEach, connectCalls, createShop } from './support/call-clients';

/** `GET /presence/shops`: the status catalog cards and a logged-out visitor's shop page poll. */
describe('shops presence over REST, for anyone (real API, PostgreSQL, Socket.io clients)', () => {
  let env: TestEnvironment;
  const track = closeClientsAfterEach();
  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'calls_presence' });
  });
  afterAll(() => env.close());

  const presence = async (ids: string) =>
    (await env.http().get(`/api/v2/presence/shops?ids=${ids}`).expect(200)).body as ShopPresence[];

  it('answers without a session, follows the staff connecting and turning unavailable', async () => {
    const [a, b] = [await createShop(env), await createShop(env)];
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await presence(`${a.shopId},${b.shopId},${unknown},${a.shopId}`)).toEqual([
      { shopId: a.shopId, online: false, available: false, hours: null },
      { shopId: b.shopId, online: false, available: false, hours: null },
      { shopId: unknown, online: false, available: false, hours: null },
    ]);
    const seller = track(await connectCalls(env, a.owner));
    expect(await presence(`${a.shopId},${b.shopId}`)).toEqual([
      { shopId: a.shopId, online: true, available: true, hours: null },
      { shopId: b.shopId, online: false, available: false, hours: null },
    ]);
    await seller.request('presence:set-available', { available: false });
    expect(await presence(a.shopId)).toEqual([
      { shopId: a.shopId, online: true, available: false, hours: null },
    ]);
    seller.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(await presence(a.shopId)).toEqual([
      { shopId: a.shopId, online: false, available: false, hours: null },
    ]);
  });

  it('refuses what is not a short list of shop ids with a 400 naming the problem', async () => {
    const tooMany = Array.from(
      { length: 25 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    for (const [query, message] of [
      ['', 'ids'],
      ['ids=', 'shop id'],
      ['ids=nope', 'shop id'],
      [`ids=${tooMany.join(',')}`, 'at most 24'],
    ]) {
      const res = await env.http().get(`/api/v2/presence/shops?${query}`).expect(400);
      expect(JSON.stringify(res.body)).toContain(message);
    }
  });
});
