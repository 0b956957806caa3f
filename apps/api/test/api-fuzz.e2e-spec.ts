import fc from 'fast-check';
import type { CallDto } from '@callshop/contracts';
import { CallGateway } from '@callshop/api/calls';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import {
  connectCalls,
  connectRaw,
  createShop,
  customerCalls,
  type CallClient,
  type TestShop,
} from './support/call-clients';
import { anyValue, HOSTILE_STRINGS, OpenApiFuzzer, type OpenApiDocument } from './support/openapi-fuzz';
import { rawRequest, type RawResponse } from './support/raw-http';

/** Runs per REST route and per socket event; FUZZ_RUNS raises it for a longer hunt. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 20);
/** FUZZ_SEED replays a failure (fast-check prints the seed and path of every failure). */
const SEED = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : undefined;
const params = (numRuns: number) => ({
  numRuns,
  ...(SEED === undefined ? {} : { seed: SEED }),
  endOnFailure: true,
});

/** The documented error shape: `{ statusCode, error, message, details? }`. */
function expectErrorShape(res: RawResponse, what: string): void {
  const body = res.body as Record<string, unknown> | undefined;
  const ok =
    body?.['statusCode'] === res.status &&
    typeof body['error'] === 'string' &&
    typeof body['message'] === 'string' &&
    (body['message'] as string).length > 0 &&
    (body['details'] === undefined || Array.isArray(body['details']));
  if (!ok) throw new Error(`${what}: ${res.status} without the error shape: ${res.text.slice(0, 300)}`);
}

/**
 * Property-based fuzzing of every REST route in the OpenAPI document the app serves (a new
 * route is covered without new test code) and every socket event the gateway handles, as a
 * customer, a seller and nobody: never a 5xx, 4xx in the documented shape, sockets stay up,
 * and afterwards a normal call still rings and is answered.
 */
describe('fuzzing the REST API and the /calls socket (real API, PostgreSQL, Socket.io)', () => {
  let env: TestEnvironment;
  let shop: TestShop;
  let customer: TestUser;
  let call: CallDto;
  const clients: CallClient[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'fuzz' });
    shop = await createShop(env, 'Fuzzed lamp');
    customer = await env.registerCustomer({ phoneNumber: '+1 555 010 2030' });
    call = await customerCalls(env, customer, shop);
    await env
      .http()
      .post('/api/v2/callbacks')
      .set('Authorization', customer.auth)
      .send({ sellerId: shop.shopId, note: 'Call me' })
      .expect(201);
  }, 60_000);
  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    await env.close();
  });

  it('answers every REST route below 500, with the error shape for every 4xx', async () => {
    const doc = (await env.http().get('/api/docs-json').expect(200)).body as OpenApiDocument;
    const callbacks = await env
      .http()
      .get('/api/v2/callbacks')
      .set('Authorization', shop.owner.auth)
      .expect(200);
    const ids = [shop.shopId, shop.product.id, call.id, customer.user.id, callbacks.body.items[0].id];
    const routes = new OpenApiFuzzer(doc, ids).routes();
    expect(routes.length).toBeGreaterThan(20);
    const auths: Record<string, string | undefined> = {
      anonymous: undefined,
      customer: customer.auth,
      seller: shop.owner.auth,
      'token with junk': `${customer.auth} junk`,
    };
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(route.request, fc.constantFrom(...Object.keys(auths)), async (req, who) => {
          const headers: Record<string, string> = {};
          if (auths[who]) headers['authorization'] = auths[who];
          if (req.contentType) headers['content-type'] = req.contentType;
          const what = `${who} ${route.method} ${req.path}`;
          const res = await rawRequest(env.url, {
            method: route.method,
            path: req.path,
            headers,
            body: req.body,
          });
          if (res.status >= 500) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 300)}`);
          if (res.status >= 400) expectErrorShape(res, what);
          const guarded = (doc.paths[route.template][route.method.toLowerCase()].security ?? []).length > 0;
          if (who === 'token with junk' && guarded && res.status < 400) {
            throw new Error(`${what}: a token followed by junk was accepted`);
          }
        }),
        params(RUNS),
      );
    }
  }, 120_000);

  it('acknowledges every socket event and refuses bad payloads without INTERNAL errors or dropped sockets', async () => {
    const events = Object.keys((env.app.get(CallGateway) as unknown as { handlers: object }).handlers);
    expect(events).toEqual(expect.arrayContaining(['call:initiate', 'call:accept', 'call:signal']));
    const sockets = [await connectCalls(env, customer), await connectCalls(env, shop.owner)];
    clients.push(...sockets);
    const keys = [
      'callId',
      'shopId',
      'sellerId',
      'productId',
      'customerId',
      'type',
      'signal',
      'sample',
      'flowing',
      'fresh',
      'available',
      'clientId',
      'text',
    ];
    const real = [call.id, shop.shopId, shop.product.id, customer.user.id];
    const field = fc.oneof(fc.constantFrom(...real), fc.constantFrom(...HOSTILE_STRINGS), anyValue);
    const payload = fc.oneof(
      { weight: 3, arbitrary: fc.dictionary(fc.constantFrom(...keys), field, { maxKeys: 4 }) },
      { weight: 1, arbitrary: anyValue },
      { weight: 1, arbitrary: fc.constant(JSON.parse(`{"callId":"${call.id}","__proto__":{"admin":true}}`)) },
    );
    let sent = 0;
    for (const event of [...events, 'no:such-event']) {
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: 1 }), payload, async (side, body) => {
          // The socket allows 50 messages a second: stay under it so payloads reach the handlers.
          if (++sent % 40 === 0) await new Promise((r) => setTimeout(r, 1000));
          const reply = (await sockets[side].request(event, body, 5000)) as {
            ok: boolean;
            error?: { code: string; message: string };
          };
          const what = `${side ? 'seller' : 'customer'} ${event} ${JSON.stringify(body)?.slice(0, 200)}`;
          if (reply.ok !== true && reply.ok !== false)
            throw new Error(`${what}: no ok in ${JSON.stringify(reply)}`);
          if (!reply.ok && (typeof reply.error?.message !== 'string' || reply.error.code === 'INTERNAL')) {
            throw new Error(`${what}: ${JSON.stringify(reply)}`);
          }
          if (!sockets[side].socket.connected) throw new Error(`${what}: the socket was dropped`);
        }),
        params(RUNS),
      );
    }
    // Nobody: a handshake without a valid token is refused, and the server keeps accepting.
    await fc.assert(
      fc.asyncProperty(anyValue, async (token) => {
        const socket = connectRaw(env, { token });
        const outcome = await new Promise<string>((resolve) => {
          socket.once('connect_error', (e) => resolve(e.message));
          socket.once('session:ready', () => resolve('connected'));
        });
        socket.close();
        expect(outcome).toBe('unauthorized');
      }),
      params(RUNS),
    );
  }, 120_000);

  it('still serves a normal call afterwards: it rings and is answered', async () => {
    const fresh = await createShop(env, 'After the storm');
    const buyer = await env.registerCustomer();
    const seller = await connectCalls(env, fresh.owner);
    const phone = await connectCalls(env, buyer);
    clients.push(seller, phone);
    const placed = await customerCalls(env, buyer, fresh, phone);
    expect(
      (await seller.next<{ call: CallDto }>('call:incoming', (p) => p.call.id === placed.id)).call.status,
    ).toBe('ringing');
    expect(await seller.request('call:accept', { callId: placed.id })).toMatchObject({
      ok: true,
      call: { status: 'accepted' },
    });
    expect(await phone.next<{ call: CallDto }>('call:accepted')).toMatchObject({ call: { id: placed.id } });
  });
});
