import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
// The process helpers live with the cluster script and the capacity benchmark (tools/ is no
// Nx project, so the boundary rule cannot allow it by tags).
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  freePort,
  LIVE_PATH,
  postgres,
  READY_PATH,
  redisServer,
  startApi,
  startBalancer,
  status,
  waitFor,
  type ApiInstance,
  type Postgres,
  type Proc,
  type RedisServer,
} from '../../../../tools/cluster/cluster';

export { READY_PATH, status, waitFor };

const root = resolve(__dirname, '../../../..');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Short deadlines, so the scenarios wait seconds rather than minutes. */
export const RING_TIMEOUT_MS = 6000;
export const RECONNECT_GRACE_MS = 10_000;
/** HAProxy's health checks: every second, two failures to take an instance out, two to take it back. */
const CHECK_INTERVAL_MS = 1000;

export type InstanceName = 'a' | 'b';

/**
 * Two API instances (`a`, `b`) behind HAProxy, with a redis-server and an embedded PostgreSQL
 * of their own on free ports (the machine's Redis and PostgreSQL are never touched), running
 * a copy of the API build taken when the lab starts.
 */
export interface ClusterLab {
  /** The balancer's URL: what every client uses. */
  url: string;
  instances: Record<InstanceName, ApiInstance>;
  redis: RedisServer;
  db: Postgres;
  /** Starts (again) an instance that is not running. */
  start(name: InstanceName): Promise<ApiInstance>;
  sql<T extends object>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/** Copies `dist/apps/api` (others may rebuild `dist` while the suite runs). */
function snapshotApi(dir: string): string {
  const main = join(root, 'dist/apps/api/main.js');
  if (!existsSync(main)) throw new Error('No API build: run `npx nx build api` first');
  cpSync(join(root, 'dist/apps/api'), join(dir, 'api'), { recursive: true });
  return join(dir, 'api/main.js');
}

export async function startClusterLab(): Promise<ClusterLab> {
  // Inside the checkout, so the copied bundle finds node_modules.
  mkdirSync(join(root, 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(root, 'tmp', 'cluster-lab-'));
  const main = snapshotApi(dir);
  const started: { stop(): Promise<void> }[] = [];
  try {
    return await launchLab(dir, main, started);
  } catch (e) {
    await Promise.all(started.map((p) => p.stop().catch(() => undefined)));
    throw e;
  }
}

async function launchLab(
  dir: string,
  main: string,
  started: { stop(): Promise<void> }[],
): Promise<ClusterLab> {
  const [balancerPort, redisPort, dbPort, portA, portB] = await Promise.all(
    Array.from({ length: 5 }, () => freePort()),
  );
  const redis = redisServer(join(dir, 'redis'), redisPort);
  const db = postgres(join(dir, 'postgres'), dbPort);
  started.push(redis, db);
  await Promise.all([redis.start(), db.start()]);
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_URL: `http://127.0.0.1:${balancerPort}`,
    WEB_DIST_DIR: join(dir, 'no-web-apps'),
    LOG_LEVEL: process.env['E2E_LOG_LEVEL'] ?? 'warn',
    CALL_RING_TIMEOUT_MS: String(RING_TIMEOUT_MS),
    CALL_RECONNECT_GRACE_MS: String(RECONNECT_GRACE_MS),
    CALL_MEDIA_TIMEOUT_MS: '60000',
    // HAProxy checks every second and needs two failures: 2 s to take an instance out (more
    // on a busy machine).
    SHUTDOWN_DRAIN_MS: '5000',
    RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    CUSTOMER_CALLS_PER_MINUTE: '1000',
    SHOP_RINGS_PER_CUSTOMER_PER_MINUTE: '1000',
  };
  const ports: Record<InstanceName, number> = { a: portA, b: portB };
  const launch = (name: InstanceName, seed: boolean) =>
    startApi({
      name,
      main,
      port: ports[name],
      env: { ...env, SEED_DEMO_DATA: String(seed) },
      logDir: dir,
      echo: process.env['E2E_LOG_LEVEL'] !== undefined,
    });
  // `a` migrates and seeds the demo data; `b` starts on the ready database.
  const a = await launch('a', true);
  started.push({ stop: () => a.stop('SIGKILL') });
  const b = await launch('b', false);
  started.push({ stop: () => b.stop('SIGKILL') });
  const instances = { a, b };
  const balancer: Proc = await startBalancer(join(dir, 'haproxy'), {
    port: balancerPort,
    checkIntervalMs: CHECK_INTERVAL_MS,
    instances: (['a', 'b'] as const).map((name) => ({ name, port: ports[name] })),
  });
  const url = `http://127.0.0.1:${balancerPort}`;
  await waitFor(
    'both instances in the balancer',
    10_000,
    async () => (await status(url + READY_PATH)) === 200,
  );
  const lab: ClusterLab = {
    url,
    instances,
    redis,
    db,
    async start(name) {
      const running = lab.instances[name];
      if (running.process.exitCode === null && running.process.signalCode === null) {
        if (!running.process.killed) return running;
        await running.exited; // a stop was asked for: let it finish
      }
      lab.instances[name] = await launch(name, false);
      // HAProxy takes it back after two good checks.
      await sleep(2 * CHECK_INTERVAL_MS + 500);
      return lab.instances[name];
    },
    async sql<T extends object>(text: string, params: unknown[] = []) {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        return (await client.query(text, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    async stop() {
      await balancer.stop();
      await Promise.all(Object.values(lab.instances).map((i) => i.stop('SIGKILL')));
      await Promise.all([redis.stop(), db.stop()]);
      if (!process.env['CLUSTER_KEEP']) rmSync(dir, { recursive: true, force: true });
      else console.log(`Cluster lab kept in ${dir}`);
    },
  };
  return lab;
}

/** Readiness and liveness of one instance, asked directly (not through the balancer). */
export async function health(instance: ApiInstance): Promise<{ ready: number; live: number }> {
  const [ready, live] = await Promise.all([
    status(instance.url + READY_PATH),
    status(instance.url + LIVE_PATH),
  ]);
  return { ready, live };
}

export async function login(lab: ClusterLab, email: string): Promise<string> {
  const res = await fetch(`${lab.url}/api/v2/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password' }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export async function rest<T>(lab: ClusterLab, token: string, path: string): Promise<T> {
  const res = await fetch(`${lab.url}/api/v2${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A person's socket through the balancer, with every event it received. */
export interface Person {
  socket: Socket;
  token: string;
  events: { event: string; payload: Record<string, unknown>; at: number }[];
  /** Times the socket (re)connected, counting the first. */
  connects: number;
  ack(event: string, payload: unknown): Promise<Record<string, unknown>>;
  /** Resolves with the first event of this name, received from now on, that `match` accepts. */
  next(
    event: string,
    match?: (p: Record<string, unknown>) => boolean,
    ms?: number,
  ): Promise<Record<string, unknown>>;
  count(event: string, match: (p: Record<string, unknown>) => boolean): number;
  close(): void;
}

/**
 * Connects as `email` through the balancer. `pin` sends the balancer's `cs_node` cookie, so
 * the first connection lands on that instance (as a browser's long-polling requests do once
 * the balancer set it); a reconnect after that instance is gone goes to the other one.
 */
export async function person(
  lab: ClusterLab,
  email: string,
  o: { pin?: InstanceName; transports?: ('websocket' | 'polling')[] } = {},
): Promise<Person> {
  const token = await login(lab, email);
  const socket = io(`${lab.url}/calls`, {
    path: '/socket.io',
    transports: o.transports ?? ['websocket'],
    auth: { token },
    forceNew: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
    withCredentials: true,
    extraHeaders: o.pin ? { cookie: `cs_node=${o.pin}` } : {},
  });
  const events: Person['events'] = [];
  const p: Person = {
    socket,
    token,
    events,
    connects: 0,
    async ack(event, payload) {
      return (await socket.timeout(10_000).emitWithAck(event, payload)) as Record<string, unknown>;
    },
    next(event, match = () => true, ms = 15_000) {
      const arriving = new Promise<Record<string, unknown>>((ok, fail) => {
        const timer = setTimeout(() => {
          socket.off(event, listener);
          fail(new Error(`${email}: no ${event} within ${ms} ms`));
        }, ms);
        const listener = (payload: Record<string, unknown>) => {
          if (!match(payload)) return;
          clearTimeout(timer);
          socket.off(event, listener);
          ok(payload);
        };
        socket.on(event, listener);
      });
      // A test that fails before awaiting it must not leave an unhandled rejection behind.
      arriving.catch(() => undefined);
      return arriving;
    },
    count(event, match) {
      return events.filter((e) => e.event === event && match(e.payload)).length;
    },
    close: () => socket.close(),
  };
  socket.onAny((event: string, payload: Record<string, unknown>) =>
    events.push({ event, payload, at: Date.now() }),
  );
  socket.on('session:ready', () => p.connects++);
  await p.next('session:ready');
  return p;
}

/** `call:*` payloads name the call as `call.id` or `callId`. */
export const forCall =
  (callId: string) =>
  (p: Record<string, unknown>): boolean =>
    (p['call'] as { id?: string } | undefined)?.id === callId || p['callId'] === callId;

/** The demo seller's shop and one of its products. */
export async function demoShop(lab: ClusterLab): Promise<{ sellerId: string; productId: string }> {
  const [row] = await lab.sql<{ shop: string; product: string }>(
    `SELECT s.id AS shop, p.id AS product FROM users u JOIN shops s ON s.id = u.shop_id
     JOIN products p ON p.shop_id = s.id WHERE u.email = 'seller@demo.shop' LIMIT 1`,
  );
  return { sellerId: row.shop, productId: row.product };
}

const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';

/** Sends one signal from `from` and resolves once `to` received it. */
export async function relayed(
  from: Person,
  to: Person,
  callId: string,
  type: 'offer' | 'answer',
): Promise<void> {
  const got = to.next('call:signal', (p) => p['callId'] === callId, 5000);
  const reply = await from.ack('call:signal', {
    callId,
    signal: { kind: 'description', description: { type, sdp: SDP } },
  });
  if (!reply['ok']) throw new Error(`call:signal refused: ${JSON.stringify(reply)}`);
  await got;
}

/** Customer calls the demo shop; the seller accepts; both report media flowing (connected). */
export async function liveCall(lab: ClusterLab, customer: Person, seller: Person): Promise<string> {
  const shop = await demoShop(lab);
  const incoming = seller.next('call:incoming');
  const started = await customer.ack('call:initiate', shop);
  if (!started['ok']) throw new Error(`call:initiate refused: ${JSON.stringify(started)}`);
  const callId = (started['call'] as { id: string }).id;
  await incoming;
  const accepted = customer.next('call:accepted', forCall(callId));
  const reply = await seller.ack('call:accept', { callId });
  if (!reply['ok']) throw new Error(`call:accept refused: ${JSON.stringify(reply)}`);
  await accepted;
  await customer.ack('call:media', { callId, flowing: true });
  await seller.ack('call:media', { callId, flowing: true });
  await relayed(customer, seller, callId, 'offer');
  return callId;
}
