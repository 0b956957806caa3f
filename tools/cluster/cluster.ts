// Several API instances behind HAProxy, with Redis for Socket.io and one PostgreSQL: the pieces
// `npm run start:cluster`, the fault tests (apps/e2e/src/cluster) and the capacity benchmark
// (tools/bench/capacity-bench.ts) share. Plain TypeScript that Node runs as it is (no enums,
// no parameter properties) and Jest compiles; it installs nothing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository: every script and test runs from its root. */
export const ROOT = process.cwd();

interface EmbeddedServer {
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * The API's own embedded PostgreSQL starter (data folder and binaries made reachable for the
 * `postgres` user under root), loaded by path: this file runs under plain Node, which needs
 * the `.ts` extension, and under Jest, which compiles whatever it is given.
 */
async function startEmbeddedPostgres(dir: string, port: number): Promise<EmbeddedServer> {
  const file = join(ROOT, 'libs/api/core/src/lib/database/embedded-postgres.ts');
  if (!existsSync(file)) throw new Error(`Run from the repository's root (no ${file})`);
  const specifier = typeof require === 'function' ? file : pathToFileURL(file).href;
  const mod = (await import(specifier)) as {
    startEmbeddedPostgres(dir: string, port: number): Promise<EmbeddedServer>;
  };
  return mod.startEmbeddedPostgres(dir, port);
}

export const READY_PATH = '/api/v2/health/ready';
export const LIVE_PATH = '/api/v2/health/live';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function which(command: string, extra: string[] = []): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
  return found || extra.find((p) => existsSync(p)) || null;
}

/** HAProxy and redis-server, where installed (Debian puts haproxy in /usr/sbin). */
export function clusterTools(): { haproxy: string | null; redisServer: string | null } {
  return {
    haproxy: which('haproxy', ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy']),
    redisServer: which('redis-server', ['/usr/bin/redis-server', '/usr/local/bin/redis-server']),
  };
}

/** What is missing to run a cluster here, with the command that installs it; null when nothing is. */
export function clusterToolsMissing(): string | null {
  const { haproxy, redisServer } = clusterTools();
  const missing = [haproxy ? null : 'haproxy', redisServer ? null : 'redis-server'].filter(Boolean);
  if (!missing.length) return null;
  const packages = missing.map((m) => (m === 'haproxy' ? 'haproxy' : 'redis-server')).join(' ');
  return `${missing.join(' and ')} not found: apt-get install ${packages}`;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolvePort(port));
    });
    s.on('error', reject);
  });
}

export interface BalancerOptions {
  port: number;
  instances: { name: string; port: number }[];
  /** How often HAProxy asks each instance's readiness; an instance is out after 2 failures. */
  checkIntervalMs?: number;
  host?: string;
}

/**
 * The HAProxy configuration: one frontend, the instances as one backend, readiness checks,
 * WebSocket upgrades (HAProxy passes them through; `timeout tunnel` keeps them open), and a
 * `cs_node` cookie that keeps Socket.io's HTTP long-polling on the instance that opened the
 * session (a WebSocket is one connection and needs no stickiness). When the cookie's instance
 * is down, `option redispatch` sends the request to another one.
 */
export function haproxyConfig(o: BalancerOptions): string {
  const inter = o.checkIntervalMs ?? 1000;
  return [
    'global',
    '  # maxconn follows the file-descriptor limit (ulimit -n): two descriptors per connection',
    '',
    'defaults',
    '  mode http',
    '  option forwardfor',
    '  option redispatch',
    '  retries 2',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  # a WebSocket after its upgrade; Socket.io pings every 25 s',
    '  timeout tunnel 1h',
    '  timeout http-keep-alive 10s',
    '  # a readiness answer may take a while on a busy machine; slow is not down',
    '  timeout check 3s',
    '',
    'frontend callshop',
    `  bind ${o.host ?? '127.0.0.1'}:${o.port}`,
    '  default_backend api',
    '',
    'backend api',
    '  balance leastconn',
    '  option httpchk',
    `  http-check send meth GET uri ${READY_PATH} ver HTTP/1.1 hdr Host localhost`,
    '  http-check expect status 200',
    '  cookie cs_node insert indirect nocache httponly',
    `  default-server check inter ${inter} fall 2 rise 2`,
    ...o.instances.map((i) => `  server ${i.name} 127.0.0.1:${i.port} cookie ${i.name}`),
    '',
  ].join('\n');
}

export interface Proc {
  process: ChildProcess;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals, waitMs?: number): Promise<void>;
}

function managed(child: ChildProcess): Proc {
  const exited = new Promise<number | string>((r) =>
    child.once('exit', (code, signal) => r(code ?? signal ?? 'unknown')),
  );
  return {
    process: child,
    exited,
    stop: async (signal = 'SIGTERM', waitMs = 15_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const done = await Promise.race([exited.then(() => true), sleep(waitMs).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Where a child's output goes: a file in `logDir`, and the console too when `echo`. */
function output(child: ChildProcess, logFile: string, echo: boolean): void {
  const file = createWriteStream(logFile, { flags: 'a' });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.pipe(file, { end: false });
    if (echo) stream?.pipe(process.stdout, { end: false });
  }
}

export async function startBalancer(dir: string, o: BalancerOptions, echo = false): Promise<Proc> {
  const haproxy = clusterTools().haproxy;
  if (!haproxy) throw new Error(clusterToolsMissing() ?? 'haproxy not found');
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(config, haproxyConfig(o));
  const check = spawnSync(haproxy, ['-c', '-q', '-f', config], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy refused ${config}: ${check.stderr}${check.stdout}`);
  // -db: stay in the foreground, so the process is ours to stop.
  const child = spawn(haproxy, ['-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  output(child, join(dir, 'haproxy.log'), echo);
  const proc = managed(child);
  await waitFor(`HAProxy on port ${o.port}`, 10_000, async () => {
    if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}`);
    return portOpen(o.port);
  });
  return proc;
}

export interface RedisServer {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A redis-server of our own on `port`, without persistence (a restart starts empty). */
export function redisServer(dir: string, port: number): RedisServer {
  const bin = clusterTools().redisServer;
  if (!bin) throw new Error(clusterToolsMissing() ?? 'redis-server not found');
  mkdirSync(dir, { recursive: true });
  let proc: Proc | null = null;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      const child = spawn(
        bin,
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      output(child, join(dir, 'redis.log'), false);
      proc = managed(child);
      await waitFor(`redis-server on port ${port}`, 10_000, async () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
        return portOpen(port);
      });
    },
    async stop() {
      await proc?.stop('SIGTERM');
      proc = null;
    },
  };
}

export interface Postgres {
  /** Connection string of the `callshop` database. */
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** An embedded PostgreSQL server of our own in `dir` on `port`, with a `callshop` database. */
export function postgres(dir: string, port: number): Postgres {
  let server: EmbeddedServer | null = null;
  let created = false;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/callshop`,
    async start() {
      mkdirSync(dir, { recursive: true });
      chmodSync(dir, 0o755); // the server runs as the `postgres` user under root
      server = await startEmbeddedPostgres(join(dir, 'data'), port);
      if (created) return;
      const { Client } = await import('pg');
      const admin = new Client({ connectionString: server.adminUrl });
      await admin.connect();
      try {
        const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'callshop'`);
        if (exists.rowCount === 0) await admin.query('CREATE DATABASE callshop');
      } finally {
        await admin.end();
      }
      created = true;
    },
    async stop() {
      await server?.stop();
      server = null;
    },
  };
}

export interface ApiInstance extends Proc {
  name: string;
  port: number;
  url: string;
  /** The instance's output. */
  logFile: string;
}

/**
 * Starts `node <main>` (the built API) on `port` with `env` and waits until it is ready.
 * The API's own output goes to `<logDir>/<name>.log`.
 */
export async function startApi(o: {
  name: string;
  main: string;
  port: number;
  env: Record<string, string>;
  logDir: string;
  echo?: boolean;
}): Promise<ApiInstance> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1' };
  // The test runner's options (--experimental-vm-modules) are not the API's.
  delete env['NODE_OPTIONS'];
  Object.assign(env, o.env, { PORT: String(o.port) });
  mkdirSync(o.logDir, { recursive: true });
  const child = spawn(process.execPath, ['--enable-source-maps', o.main], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logFile = join(o.logDir, `${o.name}.log`);
  output(child, logFile, o.echo ?? false);
  const url = `http://127.0.0.1:${o.port}`;
  const instance: ApiInstance = { ...managed(child), name: o.name, port: o.port, url, logFile };
  try {
    await waitFor(`API ${o.name}`, 90_000, async () => {
      if (child.exitCode !== null)
        throw new Error(
          `API ${o.name} exited with ${child.exitCode}; see ${join(o.logDir, `${o.name}.log`)}`,
        );
      return (await status(url + READY_PATH)) === 200;
    });
  } catch (e) {
    await instance.stop('SIGKILL');
    throw e;
  }
  return instance;
}

/** The HTTP status of a GET, or 0 when nothing answers within 4 s. */
export async function status(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(4000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

async function portOpen(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((r) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      r(true);
    });
    s.once('error', () => r(false));
  });
}

/** Polls `check` every 100 ms until it is true; throws after `ms`. */
export async function waitFor(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`${what}: not ready within ${ms} ms`);
}
