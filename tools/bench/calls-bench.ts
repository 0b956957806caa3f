// Calls benchmark: N connected clients and M concurrent full call flows through the real API
// (HTTP initiate, PostgreSQL, Socket.io signaling), and the same through a bare Socket.io relay
// in the same run, printed side by side with ratios.
//
//   npm run bench:calls                       (or: node tools/bench/calls-bench.ts)
//   node tools/bench/calls-bench.ts --clients=1000 --calls=500 --signals=6 --rounds=5 --no-build
//   BENCH_CLIENTS / BENCH_CALLS / BENCH_SIGNALS work too; DATABASE_URL uses that PostgreSQL
//   server (a scratch database is created and dropped), otherwise an embedded one is started.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import {
  ack,
  arrival,
  buildApi,
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
  startChild,
  startDatabase,
  stopChild,
} from './bench-kit.ts';

const CALLS = option('calls', 500);
const CLIENTS = Math.max(option('clients', 1000), CALLS * 2);
const SIGNALS = option('signals', 6);
const SEQUENTIAL = option('sequential', 50);
const ROUNDS = option('rounds', 5);

const SDP = ['v=0', 'o=- 4611731400430051336 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0 1']
  .concat(Array.from({ length: 60 }, (_, i) => `a=rtpmap:${96 + i} VP8/90000 x-google-start-bitrate=${i}`))
  .join('\r\n');
const CANDIDATE =
  'candidate:842163049 1 udp 1677729535 198.51.100.7 54400 typ srflx raddr 0.0.0.0 rport 0 generation 0';

// ---------------------------------------------------------------- measuring

interface FlowResult {
  ring: number;
  setup: number;
  total: number;
}

interface Figures {
  /** Ring latency of calls placed one at a time (no queueing): the per-call cost. */
  quietRingP50: number;
  quietRingP99: number;
  connectSeconds: number;
  memoryPerSocketKb: number;
  ringP50: number;
  ringP95: number;
  ringP99: number;
  /** Ring latency p99 of each round, in order (the other figures are medians over the rounds). */
  ringP99Rounds: number[];
  setupP50: number;
  setupP99: number;
  throughput: number;
  completed: number;
  errors: number;
  errorKinds: Record<string, number>;
}

/** Calls placed one after another, each finished before the next starts. */
async function runQuiet(
  flow: (i: number) => Promise<FlowResult>,
): Promise<{ quietRingP50: number; quietRingP99: number }> {
  const rings: number[] = [];
  for (let k = 0; k < SEQUENTIAL; k++) rings.push((await flow(k % CALLS)).ring);
  rings.sort((a, b) => a - b);
  return { quietRingP50: percentile(rings, 0.5), quietRingP99: percentile(rings, 0.99) };
}

type RoundFigures = Omit<
  Figures,
  'connectSeconds' | 'memoryPerSocketKb' | 'quietRingP50' | 'quietRingP99' | 'ringP99Rounds'
>;

/** One round: `CALLS` flows started in the same instant. */
async function runRound(flow: (i: number) => Promise<FlowResult>): Promise<RoundFigures> {
  const started = performance.now();
  const results = await Promise.allSettled(Array.from({ length: CALLS }, (_, i) => flow(i)));
  const seconds = (performance.now() - started) / 1000;
  const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const errorKinds: Record<string, number> = {};
  for (const r of results) {
    if (r.status === 'rejected') {
      const kind = String((r.reason as Error)?.message ?? r.reason).slice(0, 120);
      errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    }
  }
  const ring = ok.map((r) => r.ring).sort((a, b) => a - b);
  const setup = ok.map((r) => r.setup).sort((a, b) => a - b);
  return {
    ringP50: percentile(ring, 0.5),
    ringP95: percentile(ring, 0.95),
    ringP99: percentile(ring, 0.99),
    setupP50: percentile(setup, 0.5),
    setupP99: percentile(setup, 0.99),
    throughput: ok.length / seconds,
    completed: ok.length,
    errors: CALLS - ok.length,
    errorKinds,
  };
}

/**
 * `ROUNDS` rounds one after another. Figures are the median over the rounds (one round's p99
 * on two shared cores moves with whatever else runs in that second); completed flows and
 * errors are totals.
 */
async function runFlows(
  flow: (i: number) => Promise<FlowResult>,
): Promise<RoundFigures & { ringP99Rounds: number[] }> {
  const rounds: RoundFigures[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    rounds.push(await runRound(flow));
    await sleep(500);
  }
  const errorKinds: Record<string, number> = {};
  for (const round of rounds)
    for (const [k, n] of Object.entries(round.errorKinds)) errorKinds[k] = (errorKinds[k] ?? 0) + n;
  const mid = (key: keyof Omit<RoundFigures, 'errorKinds'>) => median(rounds.map((r) => r[key]));
  return {
    ringP50: mid('ringP50'),
    ringP95: mid('ringP95'),
    ringP99: mid('ringP99'),
    ringP99Rounds: rounds.map((r) => r.ringP99),
    setupP50: mid('setupP50'),
    setupP99: mid('setupP99'),
    throughput: mid('throughput'),
    completed: rounds.reduce((n, r) => n + r.completed, 0),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    errorKinds,
  };
}

async function benchBare(): Promise<Figures> {
  const { child, output } = startChild(
    'bare relay',
    [INSPECT, '--experimental-strip-types', '--no-warnings', 'tools/bench/bare-relay.ts'],
    {
      PORT: '0',
    },
  );
  try {
    let port = 0;
    for (let i = 0; i < 200 && !port; i++) {
      port = Number(/LISTENING (\d+)/.exec(output())?.[1] ?? 0);
      if (!port) await sleep(50);
    }
    if (!port) throw new Error(`bare relay did not start: ${output()}`);
    const url = `http://127.0.0.1:${port}`;
    const auths = Array.from({ length: CLIENTS }, (_, i) => ({ userId: `u${i}` }));
    const { sockets, connectSeconds, memoryPerSocketKb } = await connectAndMeasure(
      { pid: child.pid as number, output },
      url,
      auths,
    );
    // Client i < CALLS calls client CALLS + i, as customers call sellers in the API run.
    const flow = async (i: number): Promise<FlowResult> => {
      const caller = sockets[i];
      const callee = sockets[CALLS + i];
      const callId = `call-${i}`;
      const incoming = arrival<{ callId: string; device: string }>(
        callee,
        'call:incoming',
        (p) => p.callId === callId,
      );
      const t0 = performance.now();
      await ack(caller, 'call', { to: `u${CALLS + i}`, callId });
      const ring = await incoming;
      const accepted = arrival(caller, 'call:accepted', (p: { callId: string }) => p.callId === callId);
      await ack(callee, 'call:accept', { callId, device: ring.payload.device });
      await accepted;
      await exchangeSignals(caller, callee, callId, (from, to) => ({ to: to.id }));
      const setup = performance.now() - t0;
      const ended = arrival(callee, 'call:ended', (p: { callId: string }) => p.callId === callId);
      await ack(caller, 'call:hangup', { callId, to: callee.id });
      await ended;
      return { ring: ring.at - t0, setup, total: performance.now() - t0 };
    };
    const flows = await runFlows(flow);
    const quiet = await runQuiet(flow);
    sockets.forEach((s) => s.disconnect());
    return { connectSeconds, memoryPerSocketKb, ...flows, ...quiet };
  } finally {
    await stopChild(child);
  }
}

/** Offer / answer, then candidates both ways: `SIGNALS` messages in all, each awaited at the other end. */
async function exchangeSignals(
  caller: Socket,
  callee: Socket,
  callId: string,
  extra: (from: Socket, to: Socket) => Record<string, unknown>,
): Promise<void> {
  for (let k = 0; k < SIGNALS; k++) {
    const [from, to] = k % 2 === 0 ? [caller, callee] : [callee, caller];
    const signal =
      k < 2
        ? { kind: 'description', description: { type: k === 0 ? 'offer' : 'answer', sdp: SDP } }
        : { kind: 'candidate', candidate: { candidate: CANDIDATE, sdpMid: '0', sdpMLineIndex: 0 } };
    const got = arrival(to, 'call:signal', (p: { callId: string }) => p.callId === callId);
    await ack(from, 'call:signal', { callId, signal, ...extra(from, to) });
    await got;
  }
}

async function benchApi(): Promise<{ rest: Figures; socket: Figures }> {
  const main = buildApi();
  const database = await startDatabase();
  const port = await freePort();
  const { child, output } = startChild('API', [main], {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    JWT_SECRET,
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    CUSTOMER_MAX_SOCKETS: '1000',
    CUSTOMER_CALLS_PER_MINUTE: '100000000',
    SHOP_RINGS_PER_CUSTOMER_PER_MINUTE: '100000000',
    DATABASE_POOL_SIZE: process.env['DATABASE_POOL_SIZE'] ?? '20',
    WEB_DIST_DIR: join(root, 'tmp', 'no-web-apps'),
    // e.g. BENCH_API_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=tmp/bench/profile" to profile the API.
    NODE_OPTIONS: `${INSPECT} ${process.env['BENCH_API_NODE_OPTIONS'] ?? ''}`,
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    let up = false;
    for (let i = 0; i < 600 && !up; i++) {
      up = await fetch(`${url}/api/v2/health/live`).then(
        (r) => r.ok,
        () => false,
      );
      if (!up) await sleep(100);
    }
    if (!up) throw new Error(`API did not start:\n${output().slice(-3000)}`);
    const { sellers, customers } = await seed(database.url, CALLS, CLIENTS - CALLS);
    const auths = [...customers, ...sellers].map((p) => ({ token: p.token }));
    const { sockets, connectSeconds, memoryPerSocketKb } = await connectAndMeasure(
      { pid: child.pid as number, output },
      url,
      auths,
    );
    const customerSockets = sockets.slice(0, customers.length);
    const sellerSockets = sockets.slice(customers.length);
    let overSocket = false;
    const flow = async (i: number): Promise<FlowResult> => {
      const customer = customers[i];
      const seller = sellers[i];
      const caller = customerSockets[i];
      const callee = sellerSockets[i];
      const incoming = arrival<{ call: { id: string } }>(callee, 'call:incoming');
      const t0 = performance.now();
      let call: { id: string; status: string };
      if (overSocket) {
        // The same rules as the REST route, without the HTTP round trip.
        const reply = (await ack(caller, 'call:initiate', {
          sellerId: seller.shopId,
          productId: seller.productId,
        })) as { ok: boolean; call?: { id: string; status: string } };
        if (!reply.ok || reply.call?.status !== 'ringing')
          throw new Error(`call:initiate: ${JSON.stringify(reply)}`);
        call = reply.call;
      } else {
        const res = await fetch(`${url}/api/v2/video-call/initiate`, {
          method: 'POST',
          headers: { authorization: `Bearer ${customer.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ sellerId: seller.shopId, productId: seller.productId, deviceId: caller.id }),
        });
        call = (await res.json()) as { id: string; status: string };
        if (res.status !== 201 || call.status !== 'ringing')
          throw new Error(`initiate: ${res.status} ${JSON.stringify(call)}`);
      }
      const ring = await incoming;
      const accepted = arrival(
        caller,
        'call:accepted',
        (p: { call: { id: string } }) => p.call.id === call.id,
      );
      await ack(callee, 'call:accept', { callId: call.id });
      await accepted;
      await exchangeSignals(caller, callee, call.id, () => ({}));
      const setup = performance.now() - t0;
      const ended = arrival(callee, 'call:ended', (p: { call: { id: string } }) => p.call.id === call.id);
      await ack(caller, 'call:hangup', { callId: call.id });
      await ended;
      return { ring: ring.at - t0, setup, total: performance.now() - t0 };
    };
    const flows = await runFlows(flow);
    const quiet = await runQuiet(flow);
    overSocket = true;
    const socketFlows = await runFlows(flow);
    const socketQuiet = await runQuiet(flow);
    sockets.forEach((s) => s.disconnect());
    return {
      rest: { connectSeconds, memoryPerSocketKb, ...flows, ...quiet },
      socket: { connectSeconds, memoryPerSocketKb, ...socketFlows, ...socketQuiet },
    };
  } finally {
    await stopChild(child);
    await database.stop();
  }
}

// ---------------------------------------------------------------- report

function report(bare: Figures, api: Figures, viaSocket: Figures): string {
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
  const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}x` : 'n/a');
  const pick = (key: keyof Omit<Figures, 'errorKinds' | 'ringP99Rounds'>) =>
    [bare[key], api[key], viaSocket[key]] as const;
  const perRound = (x: Figures) => x.ringP99Rounds.map((v) => f(v)).join(' / ');
  const ratios = (x: Figures) => x.ringP99Rounds.map((v, i) => ratio(v, bare.ringP99Rounds[i])).join(' / ');
  const rows: [string, readonly [number, number, number], number?][] = [
    ['ring latency p50 (ms)', pick('ringP50')],
    ['ring latency p95 (ms)', pick('ringP95')],
    ['ring latency p99 (ms)', pick('ringP99')],
    ['ring latency, one call at a time, p50 (ms)', pick('quietRingP50')],
    ['ring latency, one call at a time, p99 (ms)', pick('quietRingP99')],
    ['setup (initiate -> answer relayed) p50 (ms)', pick('setupP50')],
    ['setup p99 (ms)', pick('setupP99')],
    ['full flows per second', pick('throughput')],
    ['flows completed', pick('completed'), 0],
    ['errors', pick('errors'), 0],
    ['memory per idle socket (KB)', pick('memoryPerSocketKb')],
    ['connect all clients (s)', pick('connectSeconds')],
  ];
  const cpus = os.cpus();
  const lines = [
    `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`,
    `Run: ${CLIENTS} connected clients; ${ROUNDS} rounds of ${CALLS} concurrent call flows (figures: median over the rounds; completed and errors: totals), then ${SEQUENTIAL} one at a time (initiate -> incoming -> accept -> ${SIGNALS} signals -> hang up), PostgreSQL ${process.env['DATABASE_URL'] ? 'from DATABASE_URL' : 'embedded'}`,
    '',
    `| figure | bare Socket.io relay | Callshop API, REST initiate | REST / bare | Callshop API, socket initiate | socket / bare |`,
    `| --- | ---: | ---: | ---: | ---: | ---: |`,
    ...rows.map(
      ([name, [b, a, w], digits]) =>
        `| ${name} | ${f(b, digits ?? 1)} | ${f(a, digits ?? 1)} | ${digits === 0 ? '' : ratio(a, b)} | ${f(w, digits ?? 1)} | ${digits === 0 ? '' : ratio(w, b)} |`,
    ),
    '',
    'Ring latency p99 of each round (ms), and its ratio to the same round of the bare relay:',
    `  bare relay:      ${perRound(bare)}`,
    `  REST initiate:   ${perRound(api)}   (${ratios(api)})`,
    `  socket initiate: ${perRound(viaSocket)}   (${ratios(viaSocket)})`,
  ];
  const kinds = Object.entries(api.errorKinds)
    .concat(Object.entries(viaSocket.errorKinds))
    .concat(Object.entries(bare.errorKinds));
  if (kinds.length) lines.push('', 'Errors:', ...kinds.map(([k, n]) => `  ${n} x ${k}`));
  return lines.join('\n');
}

async function main(): Promise<void> {
  process.stdout.write(`Calls benchmark: ${CLIENTS} clients, ${CALLS} concurrent flows\n`);
  const bare = await benchBare();
  process.stdout.write('Bare relay measured; now the API...\n');
  const { rest: api, socket: viaSocket } = await benchApi();
  const text = report(bare, api, viaSocket);
  process.stdout.write(`\n${text}\n`);
  const out = join(root, 'tmp', 'bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'calls-bench.json'),
    JSON.stringify(
      {
        clients: CLIENTS,
        calls: CALLS,
        signals: SIGNALS,
        rounds: ROUNDS,
        sequential: SEQUENTIAL,
        bare,
        api,
        viaSocket,
      },
      null,
      2,
    ),
  );
  writeFileSync(join(out, 'calls-bench.md'), `${text}\n`);
}

runBenchmark(main);
