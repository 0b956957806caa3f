import type { CallDto, CallHistoryItem } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import { acceptedCall, closeClientsAfterEach, connectCalls, createShop, sleep } from './support/call-clients';

const MEDIA_MS = 2000;
const GRACE_MS = 1500;

/**
 * A call is connected when media flows both ways, as the devices report it over the socket:
 * the records (status, end reason, talk time) say what happened to the people in the call.
 */
describe('call media: connected, failed to connect, connection lost, quality (real API, PostgreSQL)', () => {
  let env: TestEnvironment;
  const track = closeClientsAfterEach();

  beforeAll(async () => {
    env = await createTestEnvironment({
      label: 'calls_media',
      env: { CALL_MEDIA_TIMEOUT_MS: String(MEDIA_MS), CALL_RECONNECT_GRACE_MS: String(GRACE_MS) },
    });
  });
  afterAll(() => env.close());

  const historyItem = async (user: TestUser, id: string) => {
    const res = await env.http().get('/api/v2/calls').set('Authorization', user.auth).expect(200);
    return (res.body.items as CallHistoryItem[]).find((c) => c.id === id);
  };

  it('an answered call whose media never flows fails as media_failed for both sides, with no talk time', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);
    // Only one side ever gets media (e.g. both behind symmetric NATs without a relay).
    expect(await phone.request('call:media', { callId: call.id, flowing: true })).toEqual({ ok: true });
    const [atPhone, atSeller] = await Promise.all([
      phone.next<{ call: CallDto }>('call:ended', undefined, MEDIA_MS + 3000),
      seller.next<{ call: CallDto }>('call:ended', undefined, MEDIA_MS + 3000),
    ]);
    for (const ended of [atPhone.call, atSeller.call]) {
      expect(ended).toMatchObject({
        status: 'failed',
        endReason: 'media_failed',
        connectedAt: null,
        durationSeconds: null,
      });
    }
    expect(phone.received('call:connected')).toEqual([]);
    for (const user of [customer, shop.owner]) {
      expect(await historyItem(user, call.id)).toMatchObject({ status: 'failed', endReason: 'media_failed' });
    }
  });

  it('is connected once both sides report media; a stop that does not recover ends it as connection_lost, once', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);
    await phone.request('call:media', { callId: call.id, flowing: true });
    await seller.request('call:media', { callId: call.id, flowing: true });
    const connected = await phone.next<{ call: CallDto }>('call:connected');
    expect(connected.call.connectedAt).not.toBeNull();
    expect((await seller.next<{ call: CallDto }>('call:connected')).call.connectedAt).toBe(
      connected.call.connectedAt,
    );
    await sleep(2200);
    // The seller's network drops: its browser reports the stop instead of hanging up.
    expect(await seller.request('call:media', { callId: call.id, flowing: false })).toEqual({ ok: true });
    const ended = await phone.next<{ call: CallDto }>('call:ended', undefined, GRACE_MS + 3000);
    expect(ended.call).toMatchObject({ status: 'failed', endReason: 'connection_lost', durationSeconds: 2 });
    expect((await seller.next<{ call: CallDto }>('call:ended')).call.endReason).toBe('connection_lost');
    await sleep(GRACE_MS);
    expect(phone.received('call:ended')).toHaveLength(1);
    expect(await historyItem(shop.owner, call.id)).toMatchObject({
      endReason: 'connection_lost',
      durationSeconds: 2,
    });
  });

  it('media that comes back within the grace keeps the call; talk time leaves the gap out', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);
    await phone.request('call:media', { callId: call.id, flowing: true });
    await seller.request('call:media', { callId: call.id, flowing: true });
    await sleep(1100);
    await phone.request('call:media', { callId: call.id, flowing: false });
    await sleep(1000);
    await phone.request('call:media', { callId: call.id, flowing: true });
    await sleep(1100);
    await phone.expectNone('call:ended', GRACE_MS);
    expect(await phone.request('call:hangup', { callId: call.id })).toMatchObject({
      ok: true,
      call: { status: 'ended', endReason: 'hangup' },
    });
    const item = await historyItem(customer, call.id);
    // About 1.1 + (1.5 + 1.1) s flowed; the 1 s gap is not talk time.
    expect(item?.durationSeconds).toBeGreaterThanOrEqual(3);
    expect(item?.durationSeconds).toBeLessThanOrEqual(4);
  });

  it('keeps quality samples from the bound devices and shows their summary once the call is over', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);
    await phone.request('call:media', { callId: call.id, flowing: true });
    await seller.request('call:media', { callId: call.id, flowing: true });
    const sample = (lossPct: number, relayed: boolean) => ({
      rttMs: 30,
      lossPct,
      jitterMs: 4,
      bitrateKbps: 800,
      fps: 24,
      width: 640,
      height: 480,
      relayed,
    });
    expect(await phone.request('call:quality', { callId: call.id, sample: sample(1, false) })).toEqual({
      ok: true,
      kept: true,
    });
    expect(await phone.request('call:quality', { callId: call.id, sample: sample(9, false) })).toEqual({
      ok: true,
      kept: false,
    });
    expect(await seller.request('call:quality', { callId: call.id, sample: sample(3, true) })).toMatchObject({
      kept: true,
    });
    await phone.request('call:hangup', { callId: call.id });
    await sleep(300);
    const res = await env
      .http()
      .get(`/api/v2/calls/${call.id}`)
      .set('Authorization', shop.owner.auth)
      .expect(200);
    expect(res.body.quality).toMatchObject({
      caller: { samples: 1, relayed: false, median: { lossPct: 1, rttMs: 30 } },
      callee: { samples: 1, relayed: true, worst: { lossPct: 3 } },
    });
  });

  it('refuses media and quality reports from anyone but the devices bound to the call, and bad figures', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    // Registered before the answer (hashing is slow on busy cores): the 2 s media deadline runs from it.
    const strangerUser = await env.registerCustomer();
    const { phone, call } = await acceptedCall(env, shop, customer, track);
    const [otherTab, stranger] = (
      await Promise.all([connectCalls(env, customer), connectCalls(env, strangerUser)])
    ).map(track);
    for (const client of [otherTab, stranger]) {
      expect(await client.request('call:media', { callId: call.id, flowing: true })).toMatchObject({
        ok: false,
        error: { code: 'NOT_IN_CALL' },
      });
    }
    expect(await phone.request('call:media', { callId: call.id, flowing: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD', message: 'flowing must be true or false' },
    });
    expect(
      await phone.request('call:quality', { callId: call.id, sample: { lossPct: 400, rttMs: -1 } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(await phone.request('call:quality', { callId: call.id, sample: { x: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD', message: 'Unknown field sample.x' },
    });
    // Nothing was recorded: the call is still answered, not connected.
    const res = await env
      .http()
      .get(`/api/v2/calls/${call.id}`)
      .set('Authorization', customer.auth)
      .expect(200);
    expect(res.body).toMatchObject({ status: 'accepted', connectedAt: null });
  });
});
