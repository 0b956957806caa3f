import type { CallDto } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment';
import { acceptedCall, closeClientsAfterEach, connectCalls, createShop, sleep } from './support/call-clients';

const TOKEN = 'metrics-token-for-tests-0123456789';

/** The value of one series of a Prometheus text exposition (0 when absent). */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

/**
 * `/metrics` after real calls (real Socket.io clients, real PostgreSQL): what an operator's
 * Prometheus would read, and what the public cannot.
 */
describe('/metrics (real API, PostgreSQL, Socket.io)', () => {
  let env: TestEnvironment;
  const track = closeClientsAfterEach();

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'metrics', env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => env.close());

  const scrape = async () => {
    const res = await env.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text;
  };

  it('is refused without the token, with a wrong one, and is not under /api/v2 nor served by the web apps', async () => {
    await env.http().get('/metrics').expect(401);
    await env.http().get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789abc').expect(401);
    await env.http().get('/metrics').set('Authorization', TOKEN).expect(401);
    const customer = await env.registerCustomer();
    // A user's JWT is not the metrics token.
    const refused = await env.http().get('/metrics').set('Authorization', customer.auth).expect(401);
    expect(refused.text).not.toContain('callshop_');
    await env.http().get('/api/v2/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
  });

  it('counts sockets, a ringing then live call, its ring-to-answer and set-up times and its outcome', async () => {
    const before = await scrape();
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);

    let text = await scrape();
    expect(value(text, 'callshop_sockets_connected')).toBe(2);
    expect(value(text, 'callshop_calls_ringing')).toBe(0);
    expect(value(text, 'callshop_calls_live{connected="false"}')).toBe(1);
    expect(value(text, 'callshop_calls_started_total{initiated_by="customer"}')).toBe(
      value(before, 'callshop_calls_started_total{initiated_by="customer"}') + 1,
    );
    expect(value(text, 'callshop_call_ring_to_answer_seconds_count')).toBe(
      value(before, 'callshop_call_ring_to_answer_seconds_count') + 1,
    );
    // Answered at once by the test: well under a second of ringing.
    expect(value(text, 'callshop_call_ring_to_answer_seconds_bucket{le="1"}')).toBe(
      value(before, 'callshop_call_ring_to_answer_seconds_bucket{le="1"}') + 1,
    );

    await phone.request('call:media', { callId: call.id, flowing: true });
    await seller.request('call:media', { callId: call.id, flowing: true });
    await phone.next('call:connected');
    text = await scrape();
    expect(value(text, 'callshop_calls_live{connected="true"}')).toBe(1);
    expect(value(text, 'callshop_calls_live{connected="false"}')).toBe(0);
    expect(value(text, 'callshop_call_setup_seconds_count')).toBe(
      value(before, 'callshop_call_setup_seconds_count') + 1,
    );

    expect(await phone.request('call:hangup', { callId: call.id })).toMatchObject({ ok: true });
    await seller.next<{ call: CallDto }>('call:ended');
    text = await scrape();
    expect(value(text, 'callshop_calls_live{connected="true"}')).toBe(0);
    expect(value(text, 'callshop_calls_ended_total{status="ended",reason="hangup"}')).toBe(
      value(before, 'callshop_calls_ended_total{status="ended",reason="hangup"}') + 1,
    );

    phone.close();
    seller.close();
    await sleep(300);
    expect(value(await scrape(), 'callshop_sockets_connected')).toBe(0);
  });

  it('counts a ringing call, and a declined one by its outcome', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const seller = track(await connectCalls(env, shop.owner));
    const phone = track(await connectCalls(env, customer));
    const before = await scrape();
    const res = await env
      .http()
      .post('/api/v2/video-call/initiate')
      .set('Authorization', customer.auth)
      .send({ sellerId: shop.shopId, productId: shop.product.id, deviceId: phone.id })
      .expect(201);
    await seller.next('call:incoming');
    expect(value(await scrape(), 'callshop_calls_ringing')).toBe(1);
    expect(await seller.request('call:decline', { callId: res.body.id })).toMatchObject({ ok: true });
    await phone.next('call:ended');
    const text = await scrape();
    expect(value(text, 'callshop_calls_ringing')).toBe(0);
    expect(value(text, 'callshop_calls_ended_total{status="declined",reason="declined"}')).toBe(
      value(before, 'callshop_calls_ended_total{status="declined",reason="declined"}') + 1,
    );
  });

  it('times REST requests by route template and status, never by raw path', async () => {
    const customer = await env.registerCustomer();
    const id = '6f1c3e0a-1111-4222-8333-444455556666';
    await env.http().get(`/api/v2/calls/${id}`).set('Authorization', customer.auth).expect(404);
    await env.http().get(`/api/v2/calls/${id}`).expect(401);
    const text = await scrape();
    expect(
      value(
        text,
        'callshop_http_request_duration_seconds_count{method="GET",route="/api/v2/calls/:id",status="404"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value(
        text,
        'callshop_http_request_duration_seconds_count{method="GET",route="/api/v2/calls/:id",status="401"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(id);
    // Process figures come along.
    expect(text).toContain('callshop_process_resident_memory_bytes');
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'metrics_off', env: { METRICS_TOKEN: '' } });
  });
  afterAll(() => env.close());

  it('is off: 404 whatever the request says', async () => {
    await env.http().get('/metrics').expect(404);
    await env.http().get('/metrics').set('Authorization', 'Bearer anything-at-all-0123456789').expect(404);
  });
});
