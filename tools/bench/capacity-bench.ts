// Capacity benchmark: how many authenticated sockets one API instance holds and what each
// costs, and ring latency with 1,000 customers calling at once through HAProxy, to one
// instance and to two (sharing Redis and PostgreSQL), side by side in one run.
//
//   npm run bench:capacity                        (or: node tools/bench/capacity-bench.ts)
//   node tools/bench/capacity-bench.ts --sockets=10000 --customers=1000 --rounds=3 --no-build
//
// Needs haproxy and redis-server (a redis-server of its own is started on a free port);
// PostgreSQL is a scratch database (embedded, or on the DATABASE_URL server). Results also go
// to tmp/bench/capacity-bench.{md,json}. Mind `ulimit -n`: each socket is a file descriptor in
// the benchmark and in the API (and two in HAProxy).
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import {
  clusterToolsMissing,
  redisServer,
  startApi,
  startBalancer,
  type ApiInstance,
  type Proc,
} from '../cluster/cluster.ts';
import {
  ack,
  arrival,
  buildApi,
  connectAll,
  connectAndMeasure,
  freePort,
  INSPECT,
  JWT_SECRET,
  median,
  option,
  percentile,
  root,
  runBenchmark,
  seed,
  sleep,
  type Party,
  startDatabase,
} from './bench-kit.ts';

const SOCKETS = option('sockets', 10_000);
const CUSTOMERS = option('customers', 1000);
const ROUNDS = option('rounds', 3);

function apiEnv(database: string, redis: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: database,
    REDIS_URL: redis,
    JWT_SECRET,
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    WEB_DIST_DIR: join(root, 'tmp', 'no-web-apps'),
    RATE_LIMIT_PER_MINUTE: '100000000',
    CUSTOMER_CALLS_PER_MINUTE: '100000',
    SHOP_RINGS_PER_CUSTOMER_PER_MINUTE: '100000',
    SHUTDOWN_DRAIN_MS: '0',
  };
}

interface SocketFigures {
  sockets: number;
  connectSeconds: number;
  memoryPerSocketKb: number;
  rssMb: number;
  openFiles: number;
}

/** The instance's output so far (the inspector's address is in it). */
const output = (api: ApiInstance) => () => readFileSync(api.logFile, 'utf8');

/** `auths.length` customers connected straight to one instance (no balancer in the way). */
async function socketsPerInstance(
  api: ApiInstance,
  auths: Record<string, unknown>[],
): Promise<SocketFigures> {
  const pid = api.process.pid as number;
  const { sockets, connectSeconds, memoryPerSocketKb } = await connectAndMeasure(
    { pid, output: output(api) },
    api.url,
    auths,
    100,
  );
  const figures: SocketFigures = {
    sockets: sockets.length,
    connectSeconds,
    memoryPerSocketKb,
    rssMb: Number(execSync(`ps -o rss= -p ${pid}`).toString().trim()) / 1024,
    openFiles: Number(execSync(`ls /proc/${pid}/fd | wc -l`).toString().trim()),
  };
  sockets.forEach((s) => s.disconnect());
  return figures;
}

interface RingFigures {
  instances: number;
  ringP50: number;
  ringP99: number;
  ringP99Rounds: number[];
  errors: number;
}

/** `CUSTOMERS` customers each call their own shop in the same instant; the seller declines. */
async function ringThroughBalancer(url: string, instances: number, customers: object[], sellers: Party[]) {
  const auths = [...customers, ...sellers.map((s) => ({ token: s.token }))] as Record<string, unknown>[];
  const sockets = await connectAll(url, auths, 50);
  const callers = sockets.slice(0, customers.length);
  const callees = sockets.slice(customers.length);
  const p99s: number[] = [];
  const p50s: number[] = [];
  let errors = 0;
  // One warm-up round (code paths compiled, pools opened), not counted.
  for (let r = -1; r < ROUNDS; r++) {
    const rings = await Promise.allSettled(
      callers.map(async (caller: Socket, i) => {
        const callee = callees[i];
        const incoming = arrival<{ call: { id: string } }>(callee, 'call:incoming');
        const t0 = performance.now();
        const reply = (await ack(caller, 'call:initiate', {
          sellerId: sellers[i].shopId,
          productId: sellers[i].productId,
        })) as { call: { id: string } };
        const rung = await incoming;
        const ring = rung.at - t0;
        const ended = arrival(
          caller,
          'call:ended',
          (p: { call: { id: string } }) => p.call.id === reply.call.id,
        );
        await ack(callee, 'call:decline', { callId: reply.call.id });
        await ended;
        return ring;
      }),
    );
    const ok = rings.flatMap((x) => (x.status === 'fulfilled' ? [x.value] : [])).sort((a, b) => a - b);
    if (r < 0) {
      await sleep(1000);
      continue;
    }
    errors += rings.length - ok.length;
    p99s.push(percentile(ok, 0.99));
    p50s.push(percentile(ok, 0.5));
    await sleep(1000);
  }
  sockets.forEach((s) => s.disconnect());
  return {
    instances,
    ringP50: median(p50s),
    ringP99: median(p99s),
    ringP99Rounds: p99s,
    errors,
  } as RingFigures;
}

async function cluster(main: string, dir: string, env: Record<string, string>, count: number) {
  const instances: ApiInstance[] = [];
  for (let i = 0; i < count; i++) {
    instances.push(
      await startApi({ name: `ring${count}-${i}`, main, port: await freePort(), env, logDir: dir }),
    );
  }
  const port = await freePort();
  const balancer: Proc = await startBalancer(join(dir, `haproxy-${count}`), {
    port,
    instances: instances.map((i) => ({ name: i.name, port: i.port })),
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await balancer.stop();
      await Promise.all(instances.map((i) => i.stop('SIGKILL')));
    },
  };
}

async function main(): Promise<void> {
  const missing = clusterToolsMissing();
  if (missing) throw new Error(missing);
  const limit = Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim());
  if (limit < SOCKETS + 1000)
    throw new Error(
      `ulimit -n is ${limit}: raise it above ${SOCKETS + 1000} (ulimit -n 65536) or lower --sockets`,
    );
  const built = buildApi();
  mkdirSync(join(root, 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(root, 'tmp', 'capacity-'));
  cpSync(dirname(built), join(dir, 'api'), { recursive: true });
  const main = join(dir, 'api/main.js');
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  const redis = redisServer(join(dir, 'redis'), await freePort());
  await redis.start();
  const database = await startDatabase();
  try {
    const env = apiEnv(database.url, redis.url);
    // The first instance runs the migrations; the accounts go in once the schema is there.
    const single = await startApi({
      name: 'capacity',
      main,
      port: await freePort(),
      env: { ...env, NODE_OPTIONS: INSPECT },
      logDir: dir,
    });
    let held: SocketFigures;
    let sellers: Party[];
    let customers: Party[];
    try {
      ({ sellers, customers } = await seed(database.url, CUSTOMERS, Math.max(SOCKETS, CUSTOMERS)));
      process.stdout.write(`Connecting ${SOCKETS} sockets to one instance...\n`);
      held = await socketsPerInstance(
        single,
        customers.slice(0, SOCKETS).map((c) => ({ token: c.token })),
      );
    } finally {
      await single.stop('SIGKILL');
    }
    const ring: RingFigures[] = [];
    for (const count of [1, 2]) {
      process.stdout.write(`Ringing ${CUSTOMERS} shops at once through HAProxy, ${count} instance(s)...\n`);
      const c = await cluster(main, dir, env, count);
      try {
        ring.push(
          await ringThroughBalancer(
            c.url,
            count,
            customers.slice(0, CUSTOMERS).map((x) => ({ token: x.token })),
            sellers,
          ),
        );
      } finally {
        await c.stop();
      }
    }
    const text = report(held, ring, load);
    process.stdout.write(`\n${text}\n`);
    const out = join(root, 'tmp', 'bench');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'capacity-bench.json'), JSON.stringify({ held, ring, load }, null, 2));
    writeFileSync(join(out, 'capacity-bench.md'), `${text}\n`);
  } finally {
    await redis.stop();
    await database.stop();
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

function report(held: SocketFigures, ring: RingFigures[], load: string): string {
  const cpus = os.cpus();
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
  return [
    `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}; load average at the start ${load}`,
    '',
    `| one instance, ${held.sockets} authenticated sockets | value |`,
    '| --- | ---: |',
    `| connect all (s) | ${f(held.connectSeconds)} |`,
    `| memory per idle socket (KB, RSS after GC) | ${f(held.memoryPerSocketKb)} |`,
    `| resident memory with all connected (MB) | ${f(held.rssMb, 0)} |`,
    `| open file descriptors | ${held.openFiles} |`,
    '',
    `| ${CUSTOMERS} customers ring at once through HAProxy (${ROUNDS} rounds after a warm-up, median) | ${ring.map((r) => `${r.instances} instance${r.instances > 1 ? 's' : ''}`).join(' | ')} |`,
    `| --- | ${ring.map(() => '---:').join(' | ')} |`,
    `| ring p50 (ms) | ${ring.map((r) => f(r.ringP50)).join(' | ')} |`,
    `| ring p99 (ms) | ${ring.map((r) => f(r.ringP99)).join(' | ')} |`,
    `| ring p99 per round (ms) | ${ring.map((r) => r.ringP99Rounds.map((v) => f(v)).join(' / ')).join(' | ')} |`,
    `| errors | ${ring.map((r) => r.errors).join(' | ')} |`,
  ].join('\n');
}

runBenchmark(main);
