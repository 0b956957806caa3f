import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import type { WebhookDeliveryDto, WebhookEventEnvelope } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import { createShop, customerCalls, sleep, type TestShop } from './support/call-clients';

type Verify = (secret: string, header: string, rawBody: string, toleranceSeconds?: number) => boolean;

/** The verification recipe of docs/integrations.md, run as it is written there. */
function documentedRecipe(): Verify {
  const docs = readFileSync(join(__dirname, '../../../docs/integrations.md'), 'utf8');
  const code = /<!-- verify-recipe[^>]*-->\s*```js\n([\s\S]*?)```/.exec(docs)?.[1];
  if (!code) throw new Error('docs/integrations.md has no verification recipe');
  const load = (id: string) => {
    if (id !== 'node:crypto') throw new Error(`the recipe requires ${id}`);
    return crypto;
  };
  return new Function('require', `${code}\nreturn verifyCallshopSignature;`)(load) as Verify;
}

type Answer = number | 'hang' | 'huge';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
}

/** A real HTTP server standing in for a shop's system: records each request, answers as told. */
class Receiver {
  readonly received: Received[] = [];
  /** How to answer the next requests to each path, in order; then 204. `hang` never answers, `huge` sends 1 MiB. */
  private readonly plans = new Map<string, Answer[]>();
  private readonly hanging: ServerResponse[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body, path: req.url ?? '' });
        const next = this.plans.get(req.url ?? '')?.shift() ?? 204;
        if (next === 'hang') this.hanging.push(res);
        else if (next === 'huge') this.sendHuge(res);
        else res.writeHead(next).end(next >= 400 ? 'nope' : '');
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next requests to `path` get these answers. */
  answer(path: string, ...answers: Answer[]): void {
    this.plans.set(path, [...(this.plans.get(path) ?? []), ...answers]);
  }

  /** Resolves with the requests received at `path` once there are `count` of them. */
  async waitFor(path: string, count: number, timeoutMs = 15_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = this.received.filter((r) => r.path === path);
      if (got.length >= count) return got;
      if (Date.now() > deadline) throw new Error(`${path}: ${got.length} of ${count} requests`);
      await sleep(100);
    }
  }

  /** A 200 whose body goes on for 1 MiB, written in pieces as the client reads. */
  private sendHuge(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    const piece = Buffer.alloc(16 * 1024, 'x');
    let sent = 0;
    const write = () => {
      while (sent < 64 && !res.destroyed) {
        sent++;
        if (!res.write(piece)) return void res.once('drain', write);
      }
      res.end();
    };
    res.on('error', () => undefined);
    write();
  }

  async stop(): Promise<void> {
    this.hanging.forEach((res) => res.destroy());
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

const verify = documentedRecipe();

/**
 * Webhooks delivered to a real HTTP server (real API, PostgreSQL, the pg-boss job queue):
 * signed as the docs say, retried after a failure or a time-out, redelivered on demand, and
 * managed by the shop's owner only.
 */
describe('webhooks (real API, PostgreSQL, job queue, a real receiver)', () => {
  let env: TestEnvironment;
  let receiver: Receiver;
  let shop: TestShop;
  let customer: TestUser;

  beforeAll(async () => {
    receiver = new Receiver();
    await receiver.start();
    env = await createTestEnvironment({
      label: 'webhooks',
      env: {
        WEBHOOK_RETRY_DELAY_SECONDS: '1',
        WEBHOOK_TIMEOUT_MS: '1000',
        CUSTOMER_CALLS_PER_MINUTE: '100',
        SHOP_RINGS_PER_CUSTOMER_PER_MINUTE: '100',
      },
    });
    shop = await createShop(env);
    customer = await env.registerCustomer({ phoneNumber: '+1 555 010 9999' });
  });
  afterAll(async () => {
    await env.close();
    await receiver.stop();
  });

  const register = async (path: string, events: string[], owner = shop.owner) => {
    const res = await env
      .http()
      .post('/api/v2/webhooks')
      .set('Authorization', owner.auth)
      .send({ url: `${receiver.url}${path}`, events, description: path })
      .expect(201);
    return res.body as { id: string; secret: string; url: string; events: string[] };
  };

  const deliveries = async (endpointId: string, owner = shop.owner) =>
    (
      await env
        .http()
        .get(`/api/v2/webhooks/${endpointId}/deliveries`)
        .set('Authorization', owner.auth)
        .expect(200)
    ).body.items as WebhookDeliveryDto[];

  /** Waits until the endpoint's newest delivery is no longer pending. */
  const settled = async (endpointId: string, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [latest] = await deliveries(endpointId);
      if (latest && latest.status !== 'pending') return latest;
      if (Date.now() > deadline) throw new Error(`still pending: ${JSON.stringify(latest)}`);
      await sleep(200);
    }
  };

  it('signs each delivery as documented; the secret is shown once; only picked events arrive', async () => {
    const missed = await register('/missed', ['call.missed']);
    const callbacks = await register('/callbacks', ['callback.requested']);
    expect(missed.secret).toMatch(/^whsec_[\w-]{43}$/);
    const list = await env.http().get('/api/v2/webhooks').set('Authorization', shop.owner.auth).expect(200);
    expect(list.body).toHaveLength(2);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');

    // Nobody of the shop is online: the call is missed at once.
    const call = await customerCalls(env, customer, shop);
    const [delivery] = await receiver.waitFor('/missed', 1);
    const header = delivery.headers['callshop-signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(missed.secret, header, delivery.body)).toBe(true);
    // The wrong secret, a changed body or an old timestamp fail the same recipe.
    expect(verify(callbacks.secret, header, delivery.body)).toBe(false);
    expect(verify(missed.secret, header, delivery.body.replace('missed', 'ended'))).toBe(false);
    const old = Math.floor(Date.now() / 1000) - 3600;
    const replayed = `t=${old},v1=${crypto.createHmac('sha256', missed.secret).update(`${old}.${delivery.body}`).digest('hex')}`;
    expect(verify(missed.secret, replayed, delivery.body)).toBe(false);

    const event = JSON.parse(delivery.body) as WebhookEventEnvelope<{
      id: string;
      status: string;
      endReason: string;
    }>;
    expect(event).toMatchObject({
      type: 'call.missed',
      shopId: shop.shopId,
      data: { id: call.id, status: 'missed', endReason: 'offline' },
    });
    expect(delivery.headers['callshop-event']).toBe('call.missed');
    expect(delivery.headers['callshop-event-id']).toBe(event.id);
    expect(delivery.headers['content-type']).toBe('application/json');

    const log = await settled(missed.id);
    expect(log).toMatchObject({ status: 'delivered', eventId: event.id, event: 'call.missed' });
    expect(log.attempts).toEqual([expect.objectContaining({ responseStatus: 204, error: null })]);

    // The callback endpoint picked only callback requests: nothing for the call.
    expect(receiver.received.filter((r) => r.path === '/callbacks')).toEqual([]);
    await env
      .http()
      .post('/api/v2/callbacks')
      .set('Authorization', customer.auth)
      .send({ sellerId: shop.shopId, note: 'About the headphones' })
      .expect(201);
    const [cb] = await receiver.waitFor('/callbacks', 1);
    expect(verify(callbacks.secret, cb.headers['callshop-signature'] as string, cb.body)).toBe(true);
    expect(JSON.parse(cb.body)).toMatchObject({
      type: 'callback.requested',
      data: { note: 'About the headphones', customerPhone: '+1 555 010 9999' },
    });
    expect(receiver.received.filter((r) => r.path === '/missed')).toHaveLength(1);
  });

  it("sends order.placed for the shop's order of a checkout, signed, with the order", async () => {
    const endpoint = await register('/orders', ['order.placed']);
    const buyer = await env.registerCustomer();
    await env
      .http()
      .post('/api/v2/cart/items')
      .set('Authorization', buyer.auth)
      .send({ productId: shop.product.id, quantity: 2 })
      .expect(200);
    const placed = await env
      .http()
      .post('/api/v2/orders')
      .set('Authorization', buyer.auth)
      .send({
        shippingAddress: {
          name: 'Robin Buyer',
          line1: '1 Main Street',
          city: 'Springfield',
          postalCode: '12345',
          country: 'us',
          phone: '+1 555 010 2030',
        },
        paymentMethod: 'cash_on_delivery',
      })
      .expect(201);
    const [delivery] = await receiver.waitFor('/orders', 1);
    expect(verify(endpoint.secret, delivery.headers['callshop-signature'] as string, delivery.body)).toBe(
      true,
    );
    const event = JSON.parse(delivery.body) as WebhookEventEnvelope<{
      id: string;
      items: { quantity: number }[];
    }>;
    expect(event).toMatchObject({ type: 'order.placed', shopId: shop.shopId });
    expect(event.data.id).toBe((placed.body as { orders: { id: string }[] }).orders[0].id);
    expect(event.data.items).toEqual([expect.objectContaining({ productId: shop.product.id, quantity: 2 })]);
  });

  it('retries after a 500, logging each attempt with its status and time', async () => {
    const endpoint = await register('/flaky', ['call.missed']);
    receiver.answer('/flaky', 500);
    await customerCalls(env, customer, shop);
    const [first, second] = await receiver.waitFor('/flaky', 2);
    expect(second.body).toBe(first.body);
    expect(second.headers['callshop-delivery']).toBe(first.headers['callshop-delivery']);
    expect(verify(endpoint.secret, second.headers['callshop-signature'] as string, second.body)).toBe(true);
    const log = await settled(endpoint.id);
    expect(log.status).toBe('delivered');
    expect(log.attempts.map((a) => a.responseStatus)).toEqual([500, 204]);
    expect(log.attempts[0].error).toBe('answered 500');
    for (const a of log.attempts) expect(a.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(log.attempts[1].at)).toBeGreaterThan(Date.parse(log.attempts[0].at));
  });

  it('gives up on an endpoint that does not answer in time, and retries it', async () => {
    const endpoint = await register('/slow', ['call.missed']);
    receiver.answer('/slow', 'hang');
    await customerCalls(env, customer, shop);
    await receiver.waitFor('/slow', 2);
    const log = await settled(endpoint.id);
    expect(log.status).toBe('delivered');
    expect(log.attempts[0]).toMatchObject({ responseStatus: null, error: 'no answer within 1000 ms' });
    expect(log.attempts[0].durationMs).toBeGreaterThanOrEqual(1000);
    expect(log.attempts[0].durationMs).toBeLessThan(3000);
    expect(log.attempts[1].responseStatus).toBe(204);
  });

  it('reads at most 64 KiB of an answer: a 2xx that goes on is delivered, the rest cut off', async () => {
    const endpoint = await register('/huge', ['call.missed']);
    receiver.answer('/huge', 'huge');
    await customerCalls(env, customer, shop);
    await receiver.waitFor('/huge', 1);
    const log = await settled(endpoint.id);
    expect(log.status).toBe('delivered');
    expect(log.attempts).toEqual([
      expect.objectContaining({ responseStatus: 200, error: 'answer larger than 65536 bytes, cut off' }),
    ]);
  });

  it('redelivers a past delivery on demand: same event and body, new delivery, freshly signed', async () => {
    const endpoint = await register('/again', ['call.missed']);
    await customerCalls(env, customer, shop);
    const [original] = await receiver.waitFor('/again', 1);
    const first = await settled(endpoint.id);
    await sleep(1100);
    const res = await env
      .http()
      .post(`/api/v2/webhooks/${endpoint.id}/deliveries/${first.id}/redeliver`)
      .set('Authorization', shop.owner.auth)
      .expect(202);
    expect(res.body).toMatchObject({ status: 'pending', redeliveryOf: first.id, eventId: first.eventId });
    const [, again] = await receiver.waitFor('/again', 2);
    expect(again.body).toBe(original.body);
    expect(again.headers['callshop-event-id']).toBe(original.headers['callshop-event-id']);
    expect(again.headers['callshop-delivery']).toBe(res.body.id);
    expect(again.headers['callshop-signature']).not.toBe(original.headers['callshop-signature']);
    expect(verify(endpoint.secret, again.headers['callshop-signature'] as string, again.body)).toBe(true);
    const log = await deliveries(endpoint.id);
    expect(log.map((d) => d.id)).toEqual([res.body.id, first.id]);
  });

  it('is for the owner only: staff and customers are refused, another shop sees none of it', async () => {
    const endpoint = await register('/private', ['call.ended']);
    const staff = await shop.addStaff();
    await env.http().get('/api/v2/webhooks').set('Authorization', staff.auth).expect(403);
    await env
      .http()
      .post('/api/v2/webhooks')
      .set('Authorization', staff.auth)
      .send({ url: `${receiver.url}/x`, events: ['call.ended'] })
      .expect(403);
    await env.http().get('/api/v2/webhooks').set('Authorization', customer.auth).expect(403);
    await env.http().get('/api/v2/webhooks').expect(401);

    const other = await createShop(env, 'Other');
    const theirs = await env
      .http()
      .get('/api/v2/webhooks')
      .set('Authorization', other.owner.auth)
      .expect(200);
    expect(theirs.body).toEqual([]);
    const as = (req: ReturnType<ReturnType<TestEnvironment['http']>['get']>) =>
      req.set('Authorization', other.owner.auth);
    await as(env.http().get(`/api/v2/webhooks/${endpoint.id}/deliveries`)).expect(404);
    await env
      .http()
      .patch(`/api/v2/webhooks/${endpoint.id}`)
      .set('Authorization', other.owner.auth)
      .send({ enabled: false })
      .expect(404);
    await env
      .http()
      .delete(`/api/v2/webhooks/${endpoint.id}`)
      .set('Authorization', other.owner.auth)
      .expect(404);
    const [missedLog] = await deliveries(
      (await env.http().get('/api/v2/webhooks').set('Authorization', shop.owner.auth)).body[0].id,
    );
    await env
      .http()
      .post(`/api/v2/webhooks/${endpoint.id}/deliveries/${missedLog.id}/redeliver`)
      .set('Authorization', other.owner.auth)
      .expect(404);
    // Still the owner's, unchanged.
    const mine = await env.http().get('/api/v2/webhooks').set('Authorization', shop.owner.auth).expect(200);
    expect(mine.body.find((e: { id: string }) => e.id === endpoint.id)).toMatchObject({ enabled: true });
  });

  it('refuses bad settings with a 400 naming the problem', async () => {
    const post = (body: object) =>
      env.http().post('/api/v2/webhooks').set('Authorization', shop.owner.auth).send(body).expect(400);
    expect((await post({ url: `${receiver.url}/x`, events: ['call.exploded'] })).body.message).toContain(
      'events',
    );
    expect((await post({ url: `${receiver.url}/x`, events: [] })).body.message).toContain('events');
    expect((await post({ url: 'ftp://example.com/x', events: ['call.ended'] })).body.message).toContain(
      'https',
    );
    expect((await post({ url: 'not a url', events: ['call.ended'] })).body.message).toContain('url');
    expect(
      (await post({ url: 'https://user:pw@example.com/', events: ['call.ended'] })).body.message,
    ).toContain('credentials');
  });

  it('disabling an endpoint stops its deliveries; deleting it removes it', async () => {
    const endpoint = await register('/off', ['call.missed']);
    await env
      .http()
      .patch(`/api/v2/webhooks/${endpoint.id}`)
      .set('Authorization', shop.owner.auth)
      .send({ enabled: false })
      .expect(200);
    await customerCalls(env, customer, shop);
    await receiver.waitFor('/again', 3); // an enabled endpoint got this call ...
    await sleep(500);
    expect(receiver.received.filter((r) => r.path === '/off')).toEqual([]); // ... this one did not
    await env
      .http()
      .delete(`/api/v2/webhooks/${endpoint.id}`)
      .set('Authorization', shop.owner.auth)
      .expect(204);
    await env
      .http()
      .get(`/api/v2/webhooks/${endpoint.id}/deliveries`)
      .set('Authorization', shop.owner.auth)
      .expect(404);
  });
});

describe('webhooks in production mode', () => {
  let env: TestEnvironment;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = new Receiver();
    await receiver.start();
    env = await createTestEnvironment({
      label: 'webhooks_prod',
      env: { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(48), SEED_DEMO_DATA: 'false' },
    });
  });
  afterAll(async () => {
    await env.close();
    await receiver.stop();
  });

  it('refuses endpoints on private, loopback or link-local addresses, and plain http', async () => {
    const shop = await createShop(env);
    const post = (url: string) =>
      env
        .http()
        .post('/api/v2/webhooks')
        .set('Authorization', shop.owner.auth)
        .send({ url, events: ['call.missed'] })
        .expect(400);
    for (const url of [
      'https://127.0.0.1/hook',
      'https://localhost/hook',
      'https://10.1.2.3/hook',
      'https://192.168.1.10/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
    ]) {
      expect((await post(url)).body.message).toMatch(/private, loopback or link-local/);
    }
    expect((await post(`${receiver.url}/hook`)).body.message).toContain('https');
    const list = await env.http().get('/api/v2/webhooks').set('Authorization', shop.owner.auth).expect(200);
    expect(list.body).toEqual([]);
  });

  it('refuses a delivery whose address turned private, at once and without retrying', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    // As if the host had resolved to a public address when registered: written straight in.
    const db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    const {
      rows: [endpoint],
    } = await db.query(
      `INSERT INTO webhook_endpoints (shop_id, url, events, secret) VALUES ($1, $2, '{call.missed}', 'whsec_x') RETURNING id`,
      [shop.shopId, `${receiver.url}/internal`],
    );
    await db.end();
    await customerCalls(env, customer, shop);
    const deadline = Date.now() + 15_000;
    let log: WebhookDeliveryDto | undefined;
    while (Date.now() < deadline) {
      const res = await env
        .http()
        .get(`/api/v2/webhooks/${endpoint.id}/deliveries`)
        .set('Authorization', shop.owner.auth)
        .expect(200);
      log = res.body.items[0];
      if (log && log.status !== 'pending') break;
      await sleep(200);
    }
    expect(log).toMatchObject({ status: 'failed' });
    expect(log?.attempts).toHaveLength(1);
    expect(log?.attempts[0]).toMatchObject({
      responseStatus: null,
      error: expect.stringMatching(/^refused/),
    });
    await sleep(2500);
    expect(receiver.received).toEqual([]);
  });
});
