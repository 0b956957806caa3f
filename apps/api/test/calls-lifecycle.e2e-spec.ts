import type { CallDto } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment';
import {
  SDP_OFFER,
  acceptedCall,
  closeClientsAfterEach,
  connectCalls,
  createShop,
  customerCalls,
  sleep,
} from './support/call-clients';

const RING_MS = 1500;
const GRACE_MS = 1000;

describe('call lifecycle: timeouts, races, reconnects, restarts (real API, PostgreSQL)', () => {
  let env: TestEnvironment;
  const track = closeClientsAfterEach();

  beforeAll(async () => {
    env = await createTestEnvironment({
      label: 'calls_lifecycle',
      env: { CALL_RING_TIMEOUT_MS: String(RING_MS), CALL_RECONNECT_GRACE_MS: String(GRACE_MS) },
    });
  });
  afterAll(() => env.close());

  it('ring timeout: nobody answers, the call is missed (timeout) for both sides', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const seller = track(await connectCalls(env, shop.owner));
    const phone = track(await connectCalls(env, customer));
    const started = Date.now();
    const call = await customerCalls(env, customer, shop, phone);
    await seller.next('call:incoming');
    const atCaller = await phone.next<{ call: CallDto }>('call:ended', undefined, RING_MS + 3000);
    expect(atCaller.call).toMatchObject({ id: call.id, status: 'missed', endReason: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(RING_MS - 50);
    expect((await seller.next<{ call: CallDto }>('call:ended')).call).toMatchObject({
      status: 'missed',
      endReason: 'timeout',
    });
    expect(await seller.request('call:accept', { callId: call.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const summary = await env
      .http()
      .get('/api/v2/calls/summary')
      .set('Authorization', shop.owner.auth)
      .expect(200);
    expect(summary.body.missedTotal).toBe(1);
  });

  it('races: concurrent accept / accept / decline / cancel on many calls end in exactly one outcome each, never a 5xx', async () => {
    const shop = await createShop(env);
    const staff = await shop.addStaff();
    const owner1 = track(await connectCalls(env, shop.owner));
    const owner2 = track(await connectCalls(env, shop.owner));
    const staffTab = track(await connectCalls(env, staff));
    const customers = await Promise.all(Array.from({ length: 12 }, () => env.registerCustomer()));
    const phones = await Promise.all(customers.map((c) => connectCalls(env, c)));
    phones.forEach(track);
    for (let round = 0; round < 2; round++) {
      const calls = await Promise.all(customers.map((c, i) => customerCalls(env, c, shop, phones[i])));
      const results = await Promise.all(
        calls.map(async (call, i) => {
          const outcomes = await Promise.all([
            owner1
              .request('call:accept', { callId: call.id })
              .then((r) => (r.ok ? 'accepted' : r.error.code)),
            owner2
              .request('call:accept', { callId: call.id })
              .then((r) => (r.ok ? 'accepted' : r.error.code)),
            staffTab
              .request('call:decline', { callId: call.id })
              .then((r) => (r.ok ? 'declined' : r.error.code)),
            env
              .http()
              .post(`/api/v2/calls/${call.id}/cancel`)
              .set('Authorization', customers[i].auth)
              .then((r) => (r.status === 200 ? 'cancelled' : String(r.status))),
            phones[i]
              .request('call:cancel', { callId: call.id })
              .then((r) => (r.ok ? 'cancelled' : r.error.code)),
          ]);
          const final = await env
            .http()
            .get(`/api/v2/calls/${call.id}`)
            .set('Authorization', customers[i].auth)
            .expect(200);
          return { outcomes, status: final.body.status as string };
        }),
      );
      for (const { outcomes, status } of results) {
        const wins = outcomes.filter((o) => ['accepted', 'declined', 'cancelled'].includes(o));
        expect(wins).toHaveLength(1);
        expect(wins[0]).toBe(status);
        // Every loser is told the call already moved on (the message names the status).
        const losers = outcomes.filter((o) => !wins.includes(o));
        expect(losers).toEqual(losers.map(() => expect.stringMatching(/^(CONFLICT|409)$/)));
      }
      // Hang up whatever was accepted so the next round starts clean.
      await Promise.all(
        results.map((r, i) =>
          r.status === 'accepted'
            ? phones[i].request('call:hangup', { callId: calls[i].id })
            : Promise.resolve(null),
        ),
      );
    }
  });

  it('races with the ring deadline: accept or cancel at the deadline either wins or loses to the timeout, never both', async () => {
    const shop = await createShop(env);
    const seller = track(await connectCalls(env, shop.owner));
    const customers = await Promise.all(Array.from({ length: 8 }, () => env.registerCustomer()));
    const phones = await Promise.all(customers.map((c) => connectCalls(env, c)));
    phones.forEach(track);
    const calls = await Promise.all(customers.map((c, i) => customerCalls(env, c, shop, phones[i])));
    const results = await Promise.all(
      calls.map(async (call, i) => {
        const at = Date.parse(call.ringDeadlineAt as string) - Date.now() + (i % 4) * 15 - 30;
        await sleep(Math.max(0, at));
        const r =
          i % 2 === 0
            ? await seller.request('call:accept', { callId: call.id })
            : await phones[i].request('call:cancel', { callId: call.id });
        await sleep(RING_MS);
        const final = await env
          .http()
          .get(`/api/v2/calls/${call.id}`)
          .set('Authorization', customers[i].auth)
          .expect(200);
        return {
          ok: r.ok,
          code: r.ok ? null : r.error.code,
          status: final.body.status as string,
          action: i % 2 === 0 ? 'accept' : 'cancel',
        };
      }),
    );
    for (const r of results) {
      if (r.ok) expect(r.status).toBe(r.action === 'accept' ? 'accepted' : 'cancelled');
      else {
        expect(r.code).toBe('CONFLICT');
        expect(r.status).toBe('missed');
      }
    }
    await Promise.all(
      results.map((r, i) =>
        r.status === 'accepted' ? phones[i].request('call:hangup', { callId: calls[i].id }) : null,
      ),
    );
  });

  it('reconnect within the grace: the other side is told, the new socket resumes the call and signaling flows again', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);
    phone.close();
    expect(await seller.next('call:peer-disconnected')).toEqual({ callId: call.id, graceMs: GRACE_MS });
    const again = track(await connectCalls(env, customer));
    expect(again.session).toMatchObject({ activeCall: { id: call.id, status: 'accepted' } });
    const resumed = await again.request('call:resume', { callId: call.id });
    expect(resumed).toMatchObject({ ok: true, role: 'caller', polite: false, call: { status: 'accepted' } });
    expect(await seller.next('call:peer-reconnected')).toEqual({ callId: call.id, fresh: false });
    expect(
      await again.request('call:signal', {
        callId: call.id,
        signal: { kind: 'description', description: { type: 'offer', sdp: SDP_OFFER } },
      }),
    ).toEqual({ ok: true });
    await seller.next('call:signal');
    await sleep(GRACE_MS + 600);
    const still = await env
      .http()
      .get(`/api/v2/calls/${call.id}`)
      .set('Authorization', customer.auth)
      .expect(200);
    expect(still.body.status).toBe('accepted');
    await again.request('call:hangup', { callId: call.id });
  });

  it('a page with a new connection resumes fresh: the other device is told so, even before the old socket is gone', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);
    const newPage = track(await connectCalls(env, customer));
    expect(await newPage.request('call:resume', { callId: call.id, fresh: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD', message: 'fresh must be true or false' },
    });
    expect(await newPage.request('call:resume', { callId: call.id, fresh: true })).toMatchObject({
      ok: true,
      role: 'caller',
    });
    expect(await seller.next('call:peer-reconnected')).toEqual({ callId: call.id, fresh: true });
    // The old page no longer holds the call.
    expect(
      await phone.request('call:signal', {
        callId: call.id,
        signal: { kind: 'media', audio: true, video: true },
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_IN_CALL' } });
    await newPage.request('call:hangup', { callId: call.id });
  });

  it('after the grace the call ends as failed / connection_lost for the other side', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);
    await phone.request('call:media', { callId: call.id, flowing: true });
    await seller.request('call:media', { callId: call.id, flowing: true });
    await phone.next('call:connected');
    seller.close();
    const ended = await phone.next<{ call: CallDto }>('call:ended', undefined, GRACE_MS + 3000);
    expect(ended.call).toMatchObject({ id: call.id, status: 'failed', endReason: 'connection_lost' });
    // It was connected until the seller's device went: that counts as talk time (whole seconds).
    expect(ended.call.connectedAt).not.toBeNull();
    expect(ended.call.durationSeconds).toBeGreaterThanOrEqual(0);
  });

  it('a REST-initiated call without deviceId binds the caller device on its first call:resume', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const seller = track(await connectCalls(env, shop.owner));
    const phone = track(await connectCalls(env, customer));
    const call = await customerCalls(env, customer, shop);
    expect(await phone.request('call:resume', { callId: call.id })).toMatchObject({
      ok: true,
      role: 'caller',
      call: { status: 'ringing' },
    });
    // The callee cannot resume a call that is still ringing: it must accept it.
    await seller.next('call:incoming');
    expect(await seller.request('call:resume', { callId: call.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await seller.request('call:accept', { callId: call.id });
    expect(await phone.next('call:accepted')).toMatchObject({ deviceId: phone.id });
    await phone.request('call:hangup', { callId: call.id });
  });
});

describe('restart: a new API instance on the same database closes what the previous one left', () => {
  it('closes calls left ringing past their deadline and gives accepted calls the reconnect grace', async () => {
    const settings = { CALL_RING_TIMEOUT_MS: '1000', CALL_RECONNECT_GRACE_MS: '1500' };
    const first = await createTestEnvironment({ label: 'calls_restart', env: settings, keepDatabase: true });
    const shop = await createShop(first);
    const ringingCustomer = await first.registerCustomer();
    const talkingCustomer = await first.registerCustomer();
    const seller = await connectCalls(first, shop.owner);
    const phone = await connectCalls(first, talkingCustomer);
    const ringing = await customerCalls(first, ringingCustomer, shop);
    const talking = await customerCalls(first, talkingCustomer, shop, phone);
    await seller.next('call:incoming', (p: { call: CallDto }) => p.call.id === talking.id);
    await seller.request('call:accept', { callId: talking.id });
    await phone.next('call:accepted');
    seller.close();
    phone.close();
    await first.close();
    await sleep(1100);

    const second = await createTestEnvironment({ databaseUrl: first.databaseUrl, env: settings });
    try {
      const missed = await second
        .http()
        .get(`/api/v2/calls/${ringing.id}`)
        .set('Authorization', ringingCustomer.auth)
        .expect(200);
      expect(missed.body).toMatchObject({ status: 'missed', endReason: 'timeout' });
      // The accepted call waits for its devices: the customer comes back in time...
      const back = await connectCalls(second, talkingCustomer);
      expect(back.session).toMatchObject({ activeCall: { id: talking.id, status: 'accepted' } });
      expect(await back.request('call:resume', { callId: talking.id })).toMatchObject({
        ok: true,
        role: 'caller',
      });
      // ...the seller does not, so the call ends as connection lost.
      const ended = await back.next<{ call: CallDto }>('call:ended', undefined, 5000);
      expect(ended.call).toMatchObject({ id: talking.id, status: 'failed', endReason: 'connection_lost' });
      back.close();
    } finally {
      await second.close();
    }
  });
});

describe('callee going away while ringing (long ring timeout, short grace)', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await createTestEnvironment({
      label: 'calls_away',
      env: { CALL_RING_TIMEOUT_MS: '30000', CALL_RECONNECT_GRACE_MS: String(GRACE_MS) },
    });
  });
  afterAll(() => env.close());

  it('the last available seller device going away ends a ringing call as missed (offline); a reload does not', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const phone = await connectCalls(env, customer);
    // A reload: the tab goes and comes back at once; the call keeps ringing on the new tab.
    const tab = await connectCalls(env, shop.owner);
    const first = await customerCalls(env, customer, shop, phone);
    await tab.next('call:incoming');
    tab.close();
    const reloaded = await connectCalls(env, shop.owner);
    expect(await reloaded.next('call:incoming')).toMatchObject({ call: { id: first.id } });
    await sleep(GRACE_MS + 300);
    expect(phone.received('call:ended')).toHaveLength(0);
    await phone.request('call:cancel', { callId: first.id });
    await phone.next('call:ended');
    // The seller leaves for good (or turns unavailable): the caller learns it well before the ring timeout.
    const second = await customerCalls(env, customer, shop, phone);
    await reloaded.next('call:incoming', (p: { call: CallDto }) => p.call.id === second.id);
    reloaded.close();
    const ended = await phone.next<{ call: CallDto }>('call:ended', undefined, GRACE_MS + 2000);
    expect(ended.call).toMatchObject({ id: second.id, status: 'missed', endReason: 'offline' });
    phone.close();
  });
});
