import { SIGNAL_LIMITS, type CallDto, type CallHistoryItem } from '@callshop/contracts';
import { Client } from 'pg';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment';
import {
  CANDIDATE,
  SDP_OFFER,
  connectCalls,
  createShop,
  customerCalls,
  initiate,
  sleep,
  type CallClient,
} from './support/call-clients';

describe('calls end to end (real API, PostgreSQL, Socket.io clients)', () => {
  let env: TestEnvironment;
  const clients: CallClient[] = [];
  const track = (c: CallClient) => (clients.push(c), c);

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'calls_flow' });
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.close());
  });
  afterAll(() => env.close());

  /** What the server holds of a ringing call's negotiation, as stored. */
  async function heldSignals(callId: string): Promise<unknown[] | null> {
    const db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT held_signals FROM calls WHERE id = $1', [callId]);
      return rows[0].held_signals as unknown[] | null;
    } finally {
      await db.end();
    }
  }

  it('customer calls the seller: rings with the product, accept, offer/answer/candidates relayed, hang up, history with duration on both sides', async () => {
    const shop = await createShop(env, 'Studio headphones');
    const customer = await env.registerCustomer();
    const seller = track(await connectCalls(env, shop.owner));
    expect(seller.session).toMatchObject({
      userId: shop.owner.user.id,
      shopId: shop.shopId,
      available: true,
      activeCall: null,
    });
    const phone = track(await connectCalls(env, customer));

    const call = await customerCalls(env, customer, shop, phone);
    expect(call).toMatchObject({
      status: 'ringing',
      initiatedBy: 'customer',
      type: 'video',
      endReason: null,
    });
    expect(call.ringDeadlineAt).not.toBeNull();

    const incoming = await seller.next<{ call: CallDto }>('call:incoming');
    expect(incoming.call).toMatchObject({
      id: call.id,
      customer: { id: customer.user.id, name: customer.user.name },
      product: {
        id: shop.product.id,
        name: 'Studio headphones',
        price: 12999,
        currency: 'USD',
        image: '/assets/demo/p.svg',
      },
      type: 'video',
    });

    const accepted = await seller.request('call:accept', { callId: call.id });
    expect(accepted).toMatchObject({ ok: true, role: 'callee', polite: true, call: { status: 'accepted' } });
    const atCaller = await phone.next<Record<string, unknown>>('call:accepted');
    expect(atCaller).toMatchObject({
      role: 'caller',
      polite: false,
      deviceId: phone.id,
      call: { id: call.id, staff: { id: shop.owner.user.id } },
    });

    // Perfect negotiation: caller offers, callee answers, both trickle candidates.
    expect(
      await phone.request('call:signal', {
        callId: call.id,
        signal: { kind: 'description', description: { type: 'offer', sdp: SDP_OFFER } },
      }),
    ).toEqual({ ok: true });
    expect((await seller.next<{ signal: unknown }>('call:signal')).signal).toEqual({
      kind: 'description',
      description: { type: 'offer', sdp: SDP_OFFER },
    });
    expect(
      await seller.request('call:signal', {
        callId: call.id,
        signal: { kind: 'description', description: { type: 'answer', sdp: SDP_OFFER } },
      }),
    ).toEqual({ ok: true });
    expect(
      (await phone.next<{ signal: { description: { type: string } } }>('call:signal')).signal.description
        .type,
    ).toBe('answer');
    await phone.request('call:signal', {
      callId: call.id,
      signal: { kind: 'candidate', candidate: { candidate: CANDIDATE, sdpMid: '0', sdpMLineIndex: 0 } },
    });
    expect((await seller.next<{ signal: unknown }>('call:signal')).signal).toEqual({
      kind: 'candidate',
      candidate: { candidate: CANDIDATE, sdpMid: '0', sdpMLineIndex: 0 },
    });
    await seller.request('call:signal', { callId: call.id, signal: { kind: 'candidate', candidate: null } });
    expect((await phone.next<{ signal: unknown }>('call:signal')).signal).toEqual({
      kind: 'candidate',
      candidate: null,
    });

    // Both browsers decode the other's media: the call is connected, and talk time runs.
    await phone.request('call:media', { callId: call.id, flowing: true });
    await seller.request('call:media', { callId: call.id, flowing: true });
    expect((await phone.next<{ call: CallDto }>('call:connected')).call.connectedAt).not.toBeNull();
    await sleep(1100);
    const hung = await phone.request<{ call: CallDto }>('call:hangup', { callId: call.id });
    expect(hung).toMatchObject({ ok: true, call: { status: 'ended', endReason: 'hangup' } });
    expect((await seller.next<{ call: CallDto }>('call:ended')).call).toMatchObject({
      id: call.id,
      status: 'ended',
    });
    expect((await phone.next<{ call: CallDto }>('call:ended')).call.status).toBe('ended');

    const mine = await env.http().get('/api/v2/calls').set('Authorization', customer.auth).expect(200);
    expect(mine.body.total).toBe(1);
    const item: CallHistoryItem = mine.body.items[0];
    expect(item).toMatchObject({ id: call.id, direction: 'outgoing', status: 'ended', endReason: 'hangup' });
    expect(item.durationSeconds).toBeGreaterThanOrEqual(1);
    const theirs = await env.http().get('/api/v2/calls').set('Authorization', shop.owner.auth).expect(200);
    expect(theirs.body.items[0]).toMatchObject({
      id: call.id,
      direction: 'incoming',
      durationSeconds: item.durationSeconds,
    });
    await env
      .http()
      .get('/api/v2/calls?status=ended&direction=incoming')
      .set('Authorization', shop.owner.auth)
      .expect(200)
      .then((r) => expect(r.body.total).toBe(1));
    await env
      .http()
      .get('/api/v2/calls?direction=outgoing')
      .set('Authorization', shop.owner.auth)
      .expect(200)
      .then((r) => expect(r.body.total).toBe(0));
  });

  it('seller calls a customer back: rings every tab of the customer, one tab answers, signals relayed, seller hangs up', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    // The customer contacted the shop before (a call the seller missed while offline).
    const missed = await customerCalls(env, customer, shop);
    expect(missed).toMatchObject({ status: 'missed', endReason: 'offline' });

    const seller = track(await connectCalls(env, shop.owner));
    const tab1 = track(await connectCalls(env, customer));
    const tab2 = track(await connectCalls(env, customer));
    const res = await initiate(env, shop.owner, {
      customerId: customer.user.id,
      productId: shop.product.id,
      type: 'audio',
      deviceId: seller.id,
    }).expect(201);
    expect(res.body).toMatchObject({
      status: 'ringing',
      initiatedBy: 'shop',
      type: 'audio',
      staff: { id: shop.owner.user.id },
    });
    const callId = res.body.id as string;
    for (const tab of [tab1, tab2]) {
      expect((await tab.next<{ call: CallDto }>('call:incoming')).call).toMatchObject({
        id: callId,
        shop: { id: shop.shopId },
        product: { id: shop.product.id },
      });
    }
    expect(await tab2.request('call:accept', { callId })).toMatchObject({ ok: true, role: 'callee' });
    expect(await tab1.next('call:answered-elsewhere')).toMatchObject({
      callId,
      answeredBy: { id: customer.user.id },
    });
    expect(await seller.next('call:accepted')).toMatchObject({
      role: 'caller',
      polite: false,
      deviceId: seller.id,
    });
    await seller.request('call:signal', {
      callId,
      signal: { kind: 'description', description: { type: 'offer', sdp: SDP_OFFER } },
    });
    await tab2.next('call:signal');
    expect(tab1.received('call:signal')).toHaveLength(0);
    // The tab that did not answer cannot take part.
    expect(
      await tab1.request('call:signal', { callId, signal: { kind: 'media', audio: true, video: false } }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_IN_CALL' } });
    const ended = await env
      .http()
      .post(`/api/v2/calls/${callId}/hangup`)
      .set('Authorization', shop.owner.auth)
      .expect(200);
    expect(ended.body).toMatchObject({ status: 'ended', endReason: 'hangup' });
    await tab1.next('call:ended');
    await tab2.next('call:ended');
    const history = await env.http().get('/api/v2/calls').set('Authorization', customer.auth).expect(200);
    expect(history.body.items.map((c: CallHistoryItem) => [c.direction, c.status])).toEqual([
      ['incoming', 'ended'],
      ['outgoing', 'missed'],
    ]);
  });

  it('rings two tabs of the seller and a second staff member; the first accept wins, the others hear "answered elsewhere"', async () => {
    const shop = await createShop(env);
    const staff = await shop.addStaff();
    const customer = await env.registerCustomer();
    const ownerTab1 = track(await connectCalls(env, shop.owner));
    const ownerTab2 = track(await connectCalls(env, shop.owner));
    const staffTab = track(await connectCalls(env, staff));
    const phone = track(await connectCalls(env, customer));
    const call = await customerCalls(env, customer, shop, phone);
    for (const device of [ownerTab1, ownerTab2, staffTab]) await device.next('call:incoming');
    const [a, b] = await Promise.all([
      staffTab.request('call:accept', { callId: call.id }),
      ownerTab2.request('call:accept', { callId: call.id }),
    ]);
    const winners = [a, b].filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const loser = [a, b].find((r) => !r.ok);
    expect(loser).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'The call is already accepted' },
    });
    const winnerTab = a.ok ? staffTab : ownerTab2;
    const winnerId = a.ok ? staff.user.id : shop.owner.user.id;
    for (const other of [ownerTab1, ownerTab2, staffTab].filter((t) => t !== winnerTab)) {
      expect(await other.next('call:answered-elsewhere')).toMatchObject({
        callId: call.id,
        answeredBy: { id: winnerId },
      });
    }
    expect(await phone.next('call:accepted')).toMatchObject({ call: { staff: { id: winnerId } } });
    await phone.request('call:hangup', { callId: call.id });
  });

  it('the caller negotiates while it rings: its offer and candidates are held for the device that answers, handed over once, and cleared', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const tab1 = track(await connectCalls(env, shop.owner));
    const tab2 = track(await connectCalls(env, shop.owner));
    const phone = track(await connectCalls(env, customer));
    const call = await customerCalls(env, customer, shop, phone);
    await tab1.next('call:incoming');
    const offer = { kind: 'description', description: { type: 'offer', sdp: SDP_OFFER } };
    const candidate = {
      kind: 'candidate',
      candidate: { candidate: CANDIDATE, sdpMid: '0', sdpMLineIndex: 0 },
    };
    expect(await phone.request('call:signal', { callId: call.id, signal: offer })).toEqual({ ok: true });
    expect(await phone.request('call:signal', { callId: call.id, signal: candidate })).toEqual({ ok: true });
    // Nothing reaches a ringing device, and the called side cannot signal before it answers.
    expect(
      await tab1.request('call:signal', {
        callId: call.id,
        signal: { kind: 'media', audio: true, video: true },
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_IN_CALL' } });
    await tab1.expectNone('call:signal', 100);
    expect(await heldSignals(call.id)).toHaveLength(2);

    // The device that answers gets them with the answer, in order; the other tab never does.
    const accepted = await tab2.request('call:accept', { callId: call.id });
    expect(accepted).toMatchObject({ ok: true, role: 'callee', signals: [offer, candidate] });
    expect(await heldSignals(call.id)).toBeNull();
    // From now on the caller's messages are relayed as they come.
    const late = { kind: 'candidate', candidate: null };
    expect(await phone.request('call:signal', { callId: call.id, signal: late })).toEqual({ ok: true });
    expect((await tab2.next<{ signal: unknown }>('call:signal')).signal).toEqual(late);
    expect(tab1.received('call:signal')).toHaveLength(0);
    await phone.request('call:hangup', { callId: call.id });

    // Held messages are bounded, and a call that ends unanswered keeps none of them.
    const other = await env.registerCustomer();
    const phone2 = track(await connectCalls(env, other));
    const call2 = await customerCalls(env, other, shop, phone2);
    const max = SIGNAL_LIMITS.heldWhileRinging;
    for (let i = 0; i < max; i++) {
      expect(await phone2.request('call:signal', { callId: call2.id, signal: candidate })).toEqual({
        ok: true,
      });
    }
    expect(await phone2.request('call:signal', { callId: call2.id, signal: candidate })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    expect(await heldSignals(call2.id)).toHaveLength(max);
    expect(await phone2.request('call:cancel', { callId: call2.id })).toMatchObject({ ok: true });
    expect(await heldSignals(call2.id)).toBeNull();
  });

  it('decline: the caller learns it and the call is recorded declined', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const seller = track(await connectCalls(env, shop.owner));
    const phone = track(await connectCalls(env, customer));
    const call = await customerCalls(env, customer, shop, phone);
    await seller.next('call:incoming');
    expect(await seller.request('call:decline', { callId: call.id })).toMatchObject({
      ok: true,
      call: { status: 'declined', endReason: 'declined' },
    });
    expect(await phone.next('call:ended')).toMatchObject({ call: { id: call.id, status: 'declined' } });
    // Declined is final: accepting now is a conflict naming the status.
    expect(await seller.request('call:accept', { callId: call.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'The call is already declined' },
    });
  });

  it('cancel before answer stops the ringing on every seller device', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const tab1 = track(await connectCalls(env, shop.owner));
    const tab2 = track(await connectCalls(env, shop.owner));
    const phone = track(await connectCalls(env, customer));
    const call = await customerCalls(env, customer, shop, phone);
    await tab1.next('call:incoming');
    const res = await env
      .http()
      .post(`/api/v2/calls/${call.id}/cancel`)
      .set('Authorization', customer.auth)
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'cancelled',
      endReason: 'cancelled',
      answeredAt: null,
      durationSeconds: null,
    });
    for (const tab of [tab1, tab2])
      expect(await tab.next('call:ended')).toMatchObject({ call: { status: 'cancelled' } });
    await env.http().post(`/api/v2/calls/${call.id}/cancel`).set('Authorization', customer.auth).expect(409);
    // For the shop, a call the customer gave up on while it rang is a missed call.
    const summary = await env
      .http()
      .get('/api/v2/calls/summary')
      .set('Authorization', shop.owner.auth)
      .expect(200);
    expect(summary.body).toMatchObject({ missedToday: 1, missedTotal: 1 });
  });

  it('offline: no ring, missed (offline) at once, and the seller sees it as missed', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const call = await customerCalls(env, customer, shop);
    expect(call).toMatchObject({ status: 'missed', endReason: 'offline', ringDeadlineAt: null });
    // An unavailable seller is as good as offline.
    const seller = track(await connectCalls(env, shop.owner));
    expect(await seller.request('presence:set-available', { available: false })).toMatchObject({
      ok: true,
      presence: { online: true, available: false },
    });
    const again = await customerCalls(env, customer, shop);
    expect(again).toMatchObject({ status: 'missed', endReason: 'offline' });
    await seller.expectNone('call:incoming', 200);
    const summary = await env
      .http()
      .get('/api/v2/calls/summary')
      .set('Authorization', shop.owner.auth)
      .expect(200);
    expect(summary.body).toEqual({ missedToday: 2, missedTotal: 2, openCallbacks: 0 });
    const missed = await env
      .http()
      .get('/api/v2/calls?status=missed')
      .set('Authorization', shop.owner.auth)
      .expect(200);
    expect(missed.body.total).toBe(2);
  });

  it('busy: the callee in a live call answers busy; a caller with a live call gets 409', async () => {
    const shop = await createShop(env);
    const first = await env.registerCustomer();
    const second = await env.registerCustomer();
    const seller = track(await connectCalls(env, shop.owner));
    const phone1 = track(await connectCalls(env, first));
    track(await connectCalls(env, second));
    const call = await customerCalls(env, first, shop, phone1);
    await seller.next('call:incoming');
    await seller.request('call:accept', { callId: call.id });
    // The only available staff member is in a call: the shop is busy.
    const busy = await customerCalls(env, second, shop);
    expect(busy).toMatchObject({ status: 'busy', endReason: 'busy' });
    // The first customer cannot start another call while in one.
    const other = await createShop(env);
    track(await connectCalls(env, other.owner));
    const conflict = await initiate(env, first, {
      sellerId: other.shopId,
      productId: other.product.id,
    }).expect(409);
    expect(conflict.body.message).toMatch(/live call/);
    // A seller calling back a customer who is in a call gets busy.
    const otherSeller = track(await connectCalls(env, other.owner));
    await initiate(env, first, { sellerId: other.shopId, productId: other.product.id }).expect(409);
    await env
      .http()
      .post('/api/v2/callbacks')
      .set('Authorization', first.auth)
      .send({ sellerId: other.shopId, preference: 'video' })
      .expect(201);
    const callback = await initiate(env, other.owner, {
      customerId: first.user.id,
      deviceId: otherSeller.id,
    }).expect(201);
    expect(callback.body).toMatchObject({ status: 'busy', endReason: 'busy' });
    await phone1.request('call:hangup', { callId: call.id });
  });
});
