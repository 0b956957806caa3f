import { createHmac, randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { DEV_JWT_SECRET } from '@callshop/api/core';
import type { CallDto } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import {
  CANDIDATE,
  SDP_OFFER,
  connectCalls,
  connectRaw,
  createShop,
  customerCalls,
  initiate,
  sleep,
  type CallClient,
  type TestShop,
} from './support/call-clients';

const TURN_SECRET = 'turn-shared-secret-for-tests';

/** Resolves with the connect_error message, or "connected". */
function connectOutcome(
  env: TestEnvironment,
  auth: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const socket = connectRaw(env, auth, headers);
  return new Promise<string>((resolve) => {
    socket.on('connect', () => resolve('connected'));
    socket.on('connect_error', (e) => resolve(e.message));
  }).finally(() => socket.disconnect());
}

describe('calls: refusals, bad input, presence, callbacks (real API, PostgreSQL)', () => {
  let env: TestEnvironment;
  let shop: TestShop;
  let otherShop: TestShop;
  let customer: TestUser;
  let otherCustomer: TestUser;
  let seller: CallClient;
  let phone: CallClient;
  let otherSellerSocket: CallClient;
  let otherCustomerSocket: CallClient;
  let live: CallDto;
  const extra: CallClient[] = [];
  const track = (c: CallClient) => (extra.push(c), c);

  beforeAll(async () => {
    env = await createTestEnvironment({
      label: 'calls_security',
      env: {
        CORS_ORIGINS: 'http://shop.example',
        STUN_URLS: 'stun:stun.example.com:3478',
        TURN_URLS: 'turn:turn.example.com:3478?transport=udp,turns:turn.example.com:5349',
        TURN_SECRET,
        TURN_TTL_SECONDS: '600',
      },
    });
    [shop, otherShop, customer, otherCustomer] = await Promise.all([
      createShop(env),
      createShop(env),
      env.registerCustomer({ phoneNumber: '+1 555 010 2030' }),
      env.registerCustomer(),
    ]);
    seller = await connectCalls(env, shop.owner);
    phone = await connectCalls(env, customer);
    otherSellerSocket = await connectCalls(env, otherShop.owner);
    otherCustomerSocket = await connectCalls(env, otherCustomer);
    live = await customerCalls(env, customer, shop, phone);
    await seller.next('call:incoming');
  });
  afterEach(() => {
    extra.splice(0).forEach((c) => c.close());
  });
  afterAll(async () => {
    [seller, phone, otherSellerSocket, otherCustomerSocket].forEach((c) => c.close());
    await env.close();
  });

  describe('refusals', () => {
    type Actor = 'anonymous' | 'another customer' | 'a seller of another shop';
    const auth = (actor: Actor) =>
      actor === 'anonymous'
        ? undefined
        : actor === 'another customer'
          ? otherCustomer.auth
          : otherShop.owner.auth;
    const routes: [string, string, (id: string) => string, Record<Actor, number>][] = [
      [
        'GET',
        'a call',
        (id) => `/api/v2/calls/${id}`,
        { anonymous: 401, 'another customer': 404, 'a seller of another shop': 404 },
      ],
      [
        'POST',
        'cancel',
        (id) => `/api/v2/calls/${id}/cancel`,
        { anonymous: 401, 'another customer': 404, 'a seller of another shop': 404 },
      ],
      [
        'POST',
        'decline',
        (id) => `/api/v2/calls/${id}/decline`,
        { anonymous: 401, 'another customer': 404, 'a seller of another shop': 404 },
      ],
      [
        'POST',
        'hangup',
        (id) => `/api/v2/calls/${id}/hangup`,
        { anonymous: 401, 'another customer': 404, 'a seller of another shop': 404 },
      ],
      [
        'GET',
        'history',
        () => '/api/v2/calls',
        { anonymous: 401, 'another customer': 200, 'a seller of another shop': 200 },
      ],
      [
        'GET',
        'active call',
        () => '/api/v2/calls/active',
        { anonymous: 401, 'another customer': 200, 'a seller of another shop': 200 },
      ],
      [
        'GET',
        'summary',
        () => '/api/v2/calls/summary',
        { anonymous: 401, 'another customer': 403, 'a seller of another shop': 200 },
      ],
      [
        'GET',
        'contacts',
        () => '/api/v2/calls/contacts',
        { anonymous: 401, 'another customer': 403, 'a seller of another shop': 200 },
      ],
      [
        'GET',
        'ICE servers',
        () => '/api/v2/calls/ice-servers',
        { anonymous: 401, 'another customer': 200, 'a seller of another shop': 200 },
      ],
      [
        'GET',
        'seller info',
        () => `/api/v2/video-call/seller-info/${shop.shopId}`,
        { anonymous: 401, 'another customer': 200, 'a seller of another shop': 200 },
      ],
      [
        'POST',
        'initiate',
        () => '/api/v2/video-call/initiate',
        { anonymous: 401, 'another customer': 400, 'a seller of another shop': 403 },
      ],
      [
        'GET',
        'callbacks',
        () => '/api/v2/callbacks',
        { anonymous: 401, 'another customer': 200, 'a seller of another shop': 200 },
      ],
      [
        'POST',
        'create callback',
        () => '/api/v2/callbacks',
        { anonymous: 401, 'another customer': 400, 'a seller of another shop': 403 },
      ],
    ];
    const actors: Actor[] = ['anonymous', 'another customer', 'a seller of another shop'];
    it.each(
      routes.flatMap(([method, name, path, expected]) =>
        actors.map((a) => [method, name, a, expected[a], path] as const),
      ),
    )('%s %s as %s -> %i, and it reveals nothing of the call', async (method, _name, actor, status, path) => {
      let req = method === 'GET' ? env.http().get(path(live.id)) : env.http().post(path(live.id));
      const header = auth(actor);
      if (header) req = req.set('Authorization', header);
      const body = path(live.id).endsWith('initiate')
        ? {
            sellerId: shop.shopId,
            productId: otherShop.product.id,
            customerId: actor === 'a seller of another shop' ? customer.user.id : undefined,
          }
        : path(live.id).endsWith('callbacks')
          ? { sellerId: shop.shopId, productId: otherShop.product.id }
          : undefined;
      const res = await (body ? req.send(body) : req);
      expect(res.status).toBe(status);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(customer.user.name);
      expect(text).not.toContain(customer.user.phoneNumber as string);
      expect(text).not.toContain('"status":"ringing"');
    });

    it('the call itself is unchanged and still ringing after every refusal', async () => {
      const res = await env
        .http()
        .get(`/api/v2/calls/${live.id}`)
        .set('Authorization', customer.auth)
        .expect(200);
      expect(res.body.status).toBe('ringing');
    });

    it('refuses the wrong side of the call: the caller cannot accept or decline, the callee cannot cancel', async () => {
      await env
        .http()
        .post(`/api/v2/calls/${live.id}/decline`)
        .set('Authorization', customer.auth)
        .expect(403);
      await env
        .http()
        .post(`/api/v2/calls/${live.id}/cancel`)
        .set('Authorization', shop.owner.auth)
        .expect(403);
      expect(await phone.request('call:accept', { callId: live.id })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    });

    it.each(['call:accept', 'call:decline', 'call:cancel', 'call:hangup', 'call:resume'])(
      'socket %s by another customer or a seller of another shop -> NOT_FOUND',
      async (event) => {
        for (const socket of [otherCustomerSocket, otherSellerSocket]) {
          expect(await socket.request(event, { callId: live.id })).toMatchObject({
            ok: false,
            error: { code: 'NOT_FOUND' },
          });
        }
      },
    );

    it('socket call:signal from anyone outside the call is refused and relays nothing', async () => {
      const signal = {
        callId: live.id,
        signal: { kind: 'description', description: { type: 'offer', sdp: SDP_OFFER } },
      };
      for (const socket of [otherCustomerSocket, otherSellerSocket]) {
        expect(await socket.request('call:signal', signal)).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN' },
        });
      }
      // Nothing is relayed before the call is accepted: the called side may not signal yet, and
      // what the caller sends is held for the device that answers.
      expect(await seller.request('call:signal', signal)).toMatchObject({
        ok: false,
        error: { code: 'NOT_IN_CALL' },
      });
      expect(await phone.request('call:signal', signal)).toEqual({ ok: true });
      await seller.expectNone('call:signal', 100);
    });

    it('only the callee shop rings: other shops and other customers hear nothing', async () => {
      expect(otherSellerSocket.received('call:incoming')).toHaveLength(0);
      expect(otherCustomerSocket.received('call:incoming')).toHaveLength(0);
      expect(otherSellerSocket.received('call:ended')).toHaveLength(0);
    });

    it('a seller may call back only customers who contacted the shop', async () => {
      const stranger = await env.registerCustomer();
      track(await connectCalls(env, stranger));
      const res = await initiate(env, shop.owner, { customerId: stranger.user.id }).expect(403);
      expect(res.body.message).toMatch(/contacted your shop/);
      // Customers who called another shop are not this shop's contacts either.
      await initiate(env, otherShop.owner, { customerId: customer.user.id }).expect(403);
      // Nor may a seller call about another shop's product.
      await initiate(env, shop.owner, {
        customerId: customer.user.id,
        productId: otherShop.product.id,
      }).expect(403);
    });

    it('a customer may call a shop only about a product it sells', async () => {
      const res = await initiate(env, otherCustomer, {
        sellerId: shop.shopId,
        productId: otherShop.product.id,
      }).expect(400);
      expect(res.body.message).toMatch(/not sold by shop/);
      await initiate(env, otherCustomer, { sellerId: shop.shopId }).expect(400);
      await initiate(env, otherCustomer, { sellerId: randomUUID(), productId: shop.product.id }).expect(404);
      await initiate(env, otherCustomer, { sellerId: shop.shopId, productId: randomUUID() }).expect(404);
      // deviceId must be a socket of the caller.
      await initiate(env, otherCustomer, {
        sellerId: shop.shopId,
        productId: shop.product.id,
        deviceId: phone.id,
      }).expect(403);
    });

    it('refuses a socket without a token, with a forged or expired token, or from a foreign origin', async () => {
      expect(await connectOutcome(env, {})).toBe('unauthorized');
      expect(await connectOutcome(env, { token: 'not-a-jwt' })).toBe('unauthorized');
      expect(await connectOutcome(env, { token: 42 })).toBe('unauthorized');
      const forged = new JwtService({ secret: 'some-other-secret-0123456789abcdef0123' }).sign({
        sub: customer.user.id,
        role: 'customer',
        name: 'x',
      });
      expect(await connectOutcome(env, { token: forged })).toBe('unauthorized');
      const expired = new JwtService({ secret: DEV_JWT_SECRET }).sign(
        { sub: customer.user.id, role: 'customer', name: 'x' },
        { expiresIn: -10 },
      );
      expect(await connectOutcome(env, { token: expired })).toBe('unauthorized');
      expect(
        await connectOutcome(env, { token: customer.accessToken }, { Origin: 'http://evil.example' }),
      ).toBe('origin not allowed');
      expect(
        await connectOutcome(env, { token: customer.accessToken }, { Origin: 'http://shop.example' }),
      ).toBe('connected');
      expect(await connectOutcome(env, { token: customer.accessToken }, { Origin: env.url })).toBe(
        'connected',
      );
    });

    it('customers cannot set availability', async () => {
      expect(await phone.request('presence:set-available', { available: false })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    });
  });

  describe('bad input', () => {
    it.each([
      ['/api/v2/calls/not-a-uuid'],
      ['/api/v2/calls/123/hangup'],
      ['/api/v2/video-call/seller-info/xyz'],
      ['/api/v2/video-call/product-seller/1'],
      ['/api/v2/calls?status=bogus'],
      ['/api/v2/calls?limit=1000'],
      ['/api/v2/calls?page=abc'],
      ['/api/v2/calls?from=yesterday'],
      ['/api/v2/callbacks?status=maybe'],
    ])('GET/POST %s -> 400, not 500', async (path) => {
      const req = path.endsWith('hangup') ? env.http().post(path) : env.http().get(path);
      const res = await req.set('Authorization', customer.auth);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    });

    it.each([
      [{ sellerId: 'shop-1', productId: randomUUID() }, 'sellerId'],
      [{ sellerId: randomUUID(), productId: 42 }, 'productId'],
      [{ sellerId: randomUUID(), productId: randomUUID(), type: 'hologram' }, 'type'],
      [{ sellerId: randomUUID(), productId: randomUUID(), deviceId: 'x'.repeat(200) }, 'deviceId'],
      [{ sellerId: randomUUID(), productId: randomUUID(), admin: true }, 'admin'],
    ])('initiate %j -> 400 naming %s', async (body, field) => {
      const res = await initiate(env, otherCustomer, body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('unknown ids -> 404', async () => {
      await env.http().get(`/api/v2/calls/${randomUUID()}`).set('Authorization', customer.auth).expect(404);
      await env
        .http()
        .post(`/api/v2/calls/${randomUUID()}/hangup`)
        .set('Authorization', customer.auth)
        .expect(404);
      await env
        .http()
        .get(`/api/v2/video-call/seller-info/${randomUUID()}`)
        .set('Authorization', customer.auth)
        .expect(404);
      await env.http().get(`/api/v2/video-call/product-seller/${randomUUID()}`).expect(404);
      await env
        .http()
        .patch(`/api/v2/callbacks/${randomUUID()}`)
        .set('Authorization', customer.auth)
        .send({ status: 'cancelled' })
        .expect(404);
    });

    it.each([
      ['call:accept', 'a string'],
      ['call:accept', null],
      ['call:accept', { callId: 42 }],
      ['call:decline', { callId: 'not-a-uuid' }],
      ['call:hangup', []],
      ['call:resume', { callId: { $gt: '' } }],
      ['presence:subscribe', { shopId: 'x' }],
      ['presence:set-available', { available: 'yes' }],
      ['call:signal', { callId: 'x', signal: {} }],
      ['call:signal', { callId: randomUUID(), signal: { kind: 'telepathy' } }],
      [
        'call:signal',
        { callId: randomUUID(), signal: { kind: 'description', description: { type: 'offer' } } },
      ],
      ['call:signal', { callId: randomUUID(), signal: { kind: 'candidate', candidate: { candidate: 1 } } }],
      ['call:signal', { callId: randomUUID(), signal: { kind: 'media', audio: 'on', video: true } }],
    ])('socket %s with %j -> INVALID_PAYLOAD', async (event, payload) => {
      const socket = event === 'presence:set-available' ? seller : phone;
      expect(await socket.request(event, payload)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_PAYLOAD' },
      });
    });

    it('unknown events are refused when they carry an ack, ignored otherwise, and the socket stays usable', async () => {
      expect(await phone.request('call:teleport', { callId: live.id })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_PAYLOAD' },
      });
      phone.socket.emit('whatever', { x: 1 });
      phone.socket.emit('__proto__', 'x');
      expect(await phone.request('presence:subscribe', { shopId: shop.shopId })).toMatchObject({ ok: true });
    });

    it('oversized SDP or candidate -> PAYLOAD_TOO_LARGE, nothing relayed, call unchanged; huge frames only close that socket', async () => {
      const big = {
        callId: live.id,
        signal: { kind: 'description', description: { type: 'offer', sdp: 'a'.repeat(64 * 1024 + 1) } },
      };
      expect(await phone.request('call:signal', big)).toMatchObject({
        ok: false,
        error: { code: 'PAYLOAD_TOO_LARGE' },
      });
      const cand = {
        callId: live.id,
        signal: { kind: 'candidate', candidate: { candidate: CANDIDATE + 'x'.repeat(3000) } },
      };
      expect(await phone.request('call:signal', cand)).toMatchObject({
        ok: false,
        error: { code: 'PAYLOAD_TOO_LARGE' },
      });
      const victim = track(await connectCalls(env, otherCustomer));
      const closed = new Promise((r) => victim.socket.on('disconnect', r));
      victim.socket.emit('call:signal', {
        callId: live.id,
        signal: { kind: 'description', description: { type: 'offer', sdp: 'b'.repeat(2_000_000) } },
      });
      await closed;
      const res = await env
        .http()
        .get(`/api/v2/calls/${live.id}`)
        .set('Authorization', customer.auth)
        .expect(200);
      expect(res.body.status).toBe('ringing');
    });

    it('a flood of messages is rate limited, the server stays up and the socket recovers', async () => {
      const flooder = track(await connectCalls(env, otherCustomer));
      const replies = await Promise.all(
        Array.from({ length: 150 }, () => flooder.request('call:hangup', { callId: live.id }, 10_000)),
      );
      const codes = replies.map((r) => (r.ok ? 'ok' : r.error.code));
      expect(codes).toContain('RATE_LIMITED');
      expect(codes.filter((c) => c !== 'RATE_LIMITED' && c !== 'NOT_FOUND')).toEqual([]);
      await env
        .http()
        .get('/api/v2/health')
        .expect((r) => expect(r.status).toBeLessThan(500));
      await sleep(1100);
      expect(await flooder.request('presence:subscribe', { shopId: shop.shopId })).toMatchObject({
        ok: true,
      });
      const res = await env
        .http()
        .get(`/api/v2/calls/${live.id}`)
        .set('Authorization', customer.auth)
        .expect(200);
      expect(res.body.status).toBe('ringing');
    });
  });

  it('documents every calls route in Swagger with bearer auth and its error responses', async () => {
    const doc = await env.http().get('/api/docs-json').expect(200);
    const routes: [string, string, string[]][] = [
      ['/api/v2/video-call/seller-info/{sellerId}', 'get', ['401', '404']],
      ['/api/v2/video-call/product-seller/{productId}', 'get', ['404']],
      ['/api/v2/video-call/initiate', 'post', ['400', '401', '403', '404', '409']],
      ['/api/v2/calls', 'get', ['400', '401']],
      ['/api/v2/calls/active', 'get', ['401']],
      ['/api/v2/calls/summary', 'get', ['401', '403']],
      ['/api/v2/calls/ice-servers', 'get', ['401']],
      ['/api/v2/calls/contacts', 'get', ['401', '403']],
      ['/api/v2/calls/{id}', 'get', ['400', '401', '404']],
      ['/api/v2/calls/{id}/cancel', 'post', ['403', '404', '409']],
      ['/api/v2/calls/{id}/decline', 'post', ['403', '404', '409']],
      ['/api/v2/calls/{id}/hangup', 'post', ['403', '404', '409']],
      ['/api/v2/callbacks', 'post', ['400', '401', '403', '404', '409']],
      ['/api/v2/callbacks', 'get', ['400', '401']],
      ['/api/v2/callbacks/{id}', 'patch', ['400', '401', '403', '404', '409']],
    ];
    for (const [path, method, errors] of routes) {
      const op = doc.body.paths[path]?.[method];
      expect({ path, method, documented: !!op }).toEqual({ path, method, documented: true });
      expect(op.security).toEqual([{ bearer: [] }]);
      for (const status of errors) expect(Object.keys(op.responses)).toContain(status);
    }
  });

  describe('seed endpoints and ICE servers', () => {
    it('seller-info names the shop, its phone and whether it takes calls', async () => {
      const res = await env
        .http()
        .get(`/api/v2/video-call/seller-info/${shop.shopId}`)
        .set('Authorization', customer.auth)
        .expect(200);
      expect(res.body).toMatchObject({
        id: shop.shopId,
        isPlatform: false,
        phoneNumber: '+1 555 000 1111',
        online: true,
        available: true,
      });
    });

    it('product-seller is public; the phone number only for authenticated users', async () => {
      const anon = await env.http().get(`/api/v2/video-call/product-seller/${shop.product.id}`).expect(200);
      expect(anon.body).toMatchObject({
        product: { id: shop.product.id, price: 12999, stock: 5 },
        seller: { id: shop.shopId, phoneNumber: null, online: true },
      });
      const authed = await env
        .http()
        .get(`/api/v2/video-call/product-seller/${shop.product.id}`)
        .set('Authorization', customer.auth)
        .expect(200);
      expect(authed.body.seller.phoneNumber).toBe('+1 555 000 1111');
    });

    it('ICE servers: STUN and TURN from configuration with coturn REST credentials', async () => {
      const before = Math.floor(Date.now() / 1000);
      const res = await env
        .http()
        .get('/api/v2/calls/ice-servers')
        .set('Authorization', customer.auth)
        .expect(200);
      expect(res.body.ttl).toBe(600);
      expect(res.body.relayOnly).toBe(false);
      expect(res.body.iceServers[0]).toEqual({ urls: ['stun:stun.example.com:3478'] });
      const turn = res.body.iceServers[1];
      expect(turn.urls).toEqual(['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349']);
      const [expiry, userId] = turn.username.split(':');
      expect(userId).toBe(customer.user.id);
      expect(Number(expiry)).toBeGreaterThanOrEqual(before + 600);
      expect(turn.credential).toBe(createHmac('sha1', TURN_SECRET).update(turn.username).digest('base64'));
    });
  });

  describe('presence', () => {
    it("pushes a shop's presence to subscribers only, on connect, availability and disconnect", async () => {
      const s = await createShop(env);
      const watcher = track(await connectCalls(env, otherCustomer));
      const bystander = track(await connectCalls(env, otherCustomer));
      expect(await watcher.request('presence:subscribe', { shopId: s.shopId })).toMatchObject({
        ok: true,
        presence: { shopId: s.shopId, online: false, available: false },
      });
      const tab = track(await connectCalls(env, s.owner));
      expect(await watcher.next('presence:shop')).toEqual({
        shopId: s.shopId,
        online: true,
        available: true,
      });
      await tab.request('presence:set-available', { available: false });
      expect(await watcher.next('presence:shop')).toEqual({
        shopId: s.shopId,
        online: true,
        available: false,
      });
      // A second tab of the same seller follows the choice made on the first.
      const tab2 = track(await connectCalls(env, s.owner));
      expect(tab2.session).toMatchObject({ available: false });
      await watcher.next('presence:shop');
      tab.close();
      tab2.close();
      await watcher.next('presence:shop', (p: { online: boolean }) => !p.online);
      expect(bystander.received('presence:shop').filter((p) => p['shopId'] === s.shopId)).toHaveLength(0);
      expect(await watcher.request('presence:unsubscribe', { shopId: s.shopId })).toEqual({ ok: true });
      expect(await watcher.request('presence:subscribe', { shopId: randomUUID() })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    });

    it("a customer's online status reaches only shops they contacted", async () => {
      const tab = track(await connectCalls(env, customer));
      await tab.request('presence:subscribe', { shopId: shop.shopId });
      tab.close();
      await sleep(150);
      expect(
        seller.received('presence:customer').filter((p) => p['customerId'] === customer.user.id),
      ).toHaveLength(0); // still online elsewhere
      const stranger = await env.registerCustomer();
      track(await connectCalls(env, stranger));
      await sleep(150);
      expect(
        seller.received('presence:customer').filter((p) => p['customerId'] === stranger.user.id),
      ).toHaveLength(0);
      const contacts = await env
        .http()
        .get('/api/v2/calls/contacts')
        .set('Authorization', shop.owner.auth)
        .expect(200);
      expect(contacts.body).toEqual([
        expect.objectContaining({
          customer: { id: customer.user.id, name: customer.user.name },
          phoneNumber: '+1 555 010 2030',
          online: true,
        }),
      ]);
    });
  });

  describe('callback requests', () => {
    it('the customer asks, the shop sees it live with the phone number, marks it done, the customer sees the status', async () => {
      const s = await createShop(env);
      const staffTab = track(await connectCalls(env, s.owner));
      const asker = await env.registerCustomer();
      const askerTab = track(await connectCalls(env, asker));
      await env
        .http()
        .post('/api/v2/callbacks')
        .set('Authorization', asker.auth)
        .send({ sellerId: s.shopId })
        .expect(400); // no phone number
      const created = await env
        .http()
        .post('/api/v2/callbacks')
        .set('Authorization', asker.auth)
        .send({
          sellerId: s.shopId,
          productId: s.product.id,
          note: 'Does it fold?',
          phoneNumber: '+44 20 7946 0000',
        })
        .expect(201);
      expect(created.body).toMatchObject({
        status: 'open',
        preference: 'phone',
        note: 'Does it fold?',
        product: { id: s.product.id },
        handledBy: null,
      });
      expect(created.body).not.toHaveProperty('customerPhone');
      const live1 = await staffTab.next<{ callback: { id: string; customerPhone: string } }>(
        'callback:updated',
      );
      expect(live1.callback).toMatchObject({ id: created.body.id, customerPhone: '+44 20 7946 0000' });
      await env
        .http()
        .post('/api/v2/callbacks')
        .set('Authorization', asker.auth)
        .send({ sellerId: s.shopId, phoneNumber: '+44 20 7946 0000' })
        .expect(409);
      const list = await env
        .http()
        .get('/api/v2/callbacks?status=open')
        .set('Authorization', s.owner.auth)
        .expect(200);
      expect(list.body).toMatchObject({
        total: 1,
        items: [{ id: created.body.id, customerPhone: '+44 20 7946 0000' }],
      });
      const summary = await env
        .http()
        .get('/api/v2/calls/summary')
        .set('Authorization', s.owner.auth)
        .expect(200);
      expect(summary.body.openCallbacks).toBe(1);
      // Now the customer is a contact: the shop may call back.
      const contacts = await env
        .http()
        .get('/api/v2/calls/contacts')
        .set('Authorization', s.owner.auth)
        .expect(200);
      expect(contacts.body[0]).toMatchObject({
        customer: { id: asker.user.id },
        phoneNumber: '+44 20 7946 0000',
        online: true,
      });
      // The customer may only cancel; other customers and other shops do not see it.
      await env
        .http()
        .patch(`/api/v2/callbacks/${created.body.id}`)
        .set('Authorization', asker.auth)
        .send({ status: 'done' })
        .expect(403);
      await env
        .http()
        .patch(`/api/v2/callbacks/${created.body.id}`)
        .set('Authorization', otherCustomer.auth)
        .send({ status: 'cancelled' })
        .expect(404);
      await env
        .http()
        .patch(`/api/v2/callbacks/${created.body.id}`)
        .set('Authorization', otherShop.owner.auth)
        .send({ status: 'done' })
        .expect(404);
      await env
        .http()
        .patch(`/api/v2/callbacks/${created.body.id}`)
        .set('Authorization', s.owner.auth)
        .send({ status: 'open' })
        .expect(400);
      const done = await env
        .http()
        .patch(`/api/v2/callbacks/${created.body.id}`)
        .set('Authorization', s.owner.auth)
        .send({ status: 'done' })
        .expect(200);
      expect(done.body).toMatchObject({ status: 'done', handledBy: { id: s.owner.user.id } });
      expect(
        (
          await askerTab.next<{ callback: Record<string, unknown> }>(
            'callback:updated',
            (p) => p.callback['status'] === 'done',
          )
        ).callback,
      ).toMatchObject({ id: created.body.id, status: 'done' });
      expect(askerTab.received('callback:updated')[0]).not.toHaveProperty('callback.customerPhone');
      await env
        .http()
        .patch(`/api/v2/callbacks/${created.body.id}`)
        .set('Authorization', s.owner.auth)
        .send({ status: 'cancelled' })
        .expect(409);
      const mine = await env.http().get('/api/v2/callbacks').set('Authorization', asker.auth).expect(200);
      expect(mine.body.items[0]).toMatchObject({ id: created.body.id, status: 'done' });
      const theirs = await env
        .http()
        .get('/api/v2/callbacks')
        .set('Authorization', otherShop.owner.auth)
        .expect(200);
      expect(theirs.body.total).toBe(0);
    });
  });
});
