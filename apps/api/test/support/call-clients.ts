import { io, type Socket } from 'socket.io-client';
import type { Ack, CallDto, ProductDto } from '@callshop/contracts';
import { TEST_PASSWORD, type TestEnvironment, type TestUser } from './test-environment';

type Payload = Record<string, unknown>;

/** A real Socket.io client on the `/calls` namespace that records every event it receives. */
export interface CallClient {
  socket: Socket;
  id: string;
  /** The `session:ready` payload. */
  session: Payload;
  /** Sends a message and resolves with its acknowledgement. */
  request<T = Payload>(event: string, payload?: unknown, timeoutMs?: number): Promise<Ack<T> & Payload>;
  /** Resolves with the first not yet consumed `event` matching `match`, waiting up to `timeoutMs`. */
  next<T = Payload>(event: string, match?: (p: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Events received so far (name and payload), consumed or not. */
  received(event?: string): Payload[];
  /** Fails if `event` arrives (matching `match`) within `ms`. */
  expectNone(event: string, ms?: number, match?: (p: Payload) => boolean): Promise<void>;
  close(): void;
}

export function connectRaw(
  env: TestEnvironment,
  auth: Payload = {},
  extraHeaders: Record<string, string> = {},
) {
  return io(`${env.url}/calls`, {
    path: '/socket.io',
    transports: ['websocket'],
    auth,
    extraHeaders,
    reconnection: false,
    forceNew: true,
    timeout: 5000,
  });
}

/** Connects with the user's token and waits for `session:ready`. */
export async function connectCalls(env: TestEnvironment, user: TestUser | string): Promise<CallClient> {
  const token = typeof user === 'string' ? user : user.accessToken;
  const socket = connectRaw(env, { token });
  const events: { event: string; payload: Payload; used: boolean }[] = [];
  const waiters: { event: string; match: (p: Payload) => boolean; resolve: (p: Payload) => void }[] = [];
  socket.onAny((event: string, payload: Payload) => {
    const entry = { event, payload, used: false };
    events.push(entry);
    const i = waiters.findIndex((w) => w.event === event && w.match(payload));
    if (i >= 0) {
      entry.used = true;
      waiters.splice(i, 1)[0].resolve(payload);
    }
  });
  const session = await new Promise<Payload>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no session:ready')), 5000);
    socket.once('session:ready', (p: Payload) => {
      clearTimeout(timer);
      resolve(p);
    });
    socket.once('connect_error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  const client: CallClient = {
    socket,
    id: socket.id as string,
    session,
    request: (event, payload, timeoutMs = 5000) =>
      socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<never>,
    next: <T>(event: string, match: (p: T) => boolean = () => true, timeoutMs = 5000) => {
      const m = match as unknown as (p: Payload) => boolean;
      const found = events.find((e) => !e.used && e.event === event && m(e.payload));
      if (found) {
        found.used = true;
        return Promise.resolve(found.payload as T);
      }
      return new Promise<T>((resolve, reject) => {
        const waiter = { event, match: m, resolve: (p: Payload) => (clearTimeout(timer), resolve(p as T)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`timed out waiting for ${event} on ${socket.id}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    received: (event) => events.filter((e) => !event || e.event === event).map((e) => e.payload),
    expectNone: async (event, ms = 300, match = () => true) => {
      await new Promise((r) => setTimeout(r, ms));
      const got = events.filter((e) => e.event === event && match(e.payload));
      if (got.length) throw new Error(`unexpected ${event}: ${JSON.stringify(got[0].payload)}`);
    },
    close: () => socket.disconnect(),
  };
  return client;
}

export interface TestShop {
  owner: TestUser;
  shopId: string;
  product: ProductDto;
  /** Adds a staff member to the shop and logs them in. */
  addStaff(): Promise<TestUser>;
}

let staffCounter = 0;

/** Registers a seller with a shop and one product. */
export async function createShop(env: TestEnvironment, name = 'Headphones'): Promise<TestShop> {
  const owner = await env.registerSeller();
  const res = await env
    .http()
    .post('/api/v2/products')
    .set('Authorization', owner.auth)
    .send({ name, description: 'Closed-back', price: 12999, stock: 5, images: ['/assets/demo/p.svg'] })
    .expect(201);
  return {
    owner,
    shopId: owner.user.shopId as string,
    product: res.body as ProductDto,
    addStaff: async () => {
      const email = `staff-${Date.now().toString(36)}-${staffCounter++}@test.example`;
      await env
        .http()
        .post('/api/v2/auth/staff')
        .set('Authorization', owner.auth)
        .send({ name: `Staff ${staffCounter}`, email, password: TEST_PASSWORD })
        .expect(201);
      const login = await env
        .http()
        .post('/api/v2/auth/login')
        .send({ email, password: TEST_PASSWORD })
        .expect(200);
      return {
        ...login.body,
        auth: `Bearer ${login.body.accessToken}`,
        password: TEST_PASSWORD,
      } as TestUser;
    },
  };
}

/** `POST /video-call/initiate` as a customer; returns the response. */
export function initiate(env: TestEnvironment, user: TestUser, body: Payload) {
  return env.http().post('/api/v2/video-call/initiate').set('Authorization', user.auth).send(body);
}

export async function customerCalls(
  env: TestEnvironment,
  customer: TestUser,
  shop: TestShop,
  device?: CallClient,
): Promise<CallDto> {
  const res = await initiate(env, customer, {
    sellerId: shop.shopId,
    productId: shop.product.id,
    ...(device ? { deviceId: device.id } : {}),
  });
  if (res.status !== 201) throw new Error(`initiate failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CallDto;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const SDP_OFFER = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';
export const CANDIDATE = 'candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host';

/**
 * Returns `track`: every client passed to it is closed after the current test, so one test's
 * sockets never answer for the next. Call it at the top of a `describe`.
 */
export function closeClientsAfterEach(): (client: CallClient) => CallClient {
  const clients: CallClient[] = [];
  afterEach(() => {
    clients.splice(0).forEach((c) => c.close());
  });
  return (client) => (clients.push(client), client);
}

/**
 * The shop's owner and the customer each connect a device, the customer calls, the owner
 * answers: resolves once the caller hears `call:accepted`.
 */
export async function acceptedCall(
  env: TestEnvironment,
  shop: TestShop,
  customer: TestUser,
  track: (client: CallClient) => CallClient = (c) => c,
) {
  const seller = track(await connectCalls(env, shop.owner));
  const phone = track(await connectCalls(env, customer));
  const call = await customerCalls(env, customer, shop, phone);
  await seller.next('call:incoming', (p: { call: CallDto }) => p.call.id === call.id);
  expect(await seller.request('call:accept', { callId: call.id })).toMatchObject({ ok: true });
  await phone.next('call:accepted');
  return { seller, phone, call };
}
