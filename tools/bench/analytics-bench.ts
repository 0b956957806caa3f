// Analytics benchmark: 1,000,000 calls, 50,000 orders and 50,000 callback requests over two
// years for 500 shops (analytics-data.ts), then every analytics statement for the busiest shop
// and the last 90 days (Europe/Berlin), many times, round-robin, each timed on one connection;
// then the single statement the API runs (all of them as JSON), and the whole
// GET /api/v2/analytics through the real API. The baseline, measured
// in the same rounds, is a plain count of the same shop's calls in the same 90 days: what any
// query over those rows costs on this machine at this moment. The load average is printed
// before and after, since the machine is shared.
//
//   npm run bench:analytics                    (or: node tools/bench/analytics-bench.ts)
//   node tools/bench/analytics-bench.ts --rounds=50 --no-build
//   BENCH_API_MAIN=tmp/x/api/main.js runs that build; DATABASE_URL uses that PostgreSQL server
//   (a scratch database is created and dropped), otherwise an embedded one is started.
//   BENCH_ANALYTICS_DATABASE_URL=postgres://.../analytics_bench measures a database that
//   analytics-data.ts filled before (kept; the API migrates it), without generating again.
//   --calls=N --orders=N --shops=N ... change the data size (analytics-data.ts).
import os from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  analyticsStatements,
  FEATURES_STATEMENT,
  figuresStatement,
  type AnalyticsScope,
} from '../../libs/api/integrations/src/lib/analytics/analytics-queries.ts';
import {
  busiestShop,
  FULL_SIZE,
  generateAnalyticsData,
  type AnalyticsDataSize,
  type GeneratedShop,
} from './analytics-data.ts';
import {
  buildApi,
  option,
  percentile,
  runBenchmark,
  signJwt,
  startApi,
  startDatabase,
  stopChild,
} from './bench-kit.ts';

const ROUNDS = option('rounds', 50);
const TARGET_P95_MS = 300;
const size = Object.fromEntries(
  (Object.keys(FULL_SIZE) as (keyof AnalyticsDataSize)[]).map((k) => [k, option(k, FULL_SIZE[k])]),
) as unknown as AnalyticsDataSize;

const day = (d: Date) => d.toISOString().slice(0, 10);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

runBenchmark(async () => {
  const main = process.env['BENCH_API_MAIN'] ? resolve(process.env['BENCH_API_MAIN']) : buildApi();
  // A database analytics-data.ts filled before (kept), or a scratch one filled now.
  const reuse = process.env['BENCH_ANALYTICS_DATABASE_URL'];
  const database = reuse ? { url: reuse, stop: async () => undefined } : await startDatabase();
  const { child, base } = await startApi(main, database.url).catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  const db = new pg.Client({ connectionString: database.url });
  try {
    let shop: GeneratedShop;
    if (reuse) {
      shop = await busiestShop(database.url);
      process.stdout.write(`Reusing the data in ${new URL(reuse).pathname.slice(1)} (load ${load()})\n`);
    } else {
      process.stdout.write(
        `Generating ${size.calls.toLocaleString('en')} calls, ${size.orders.toLocaleString('en')} orders, ` +
          `${size.callbacks.toLocaleString('en')} callback requests for ${size.shops} shops (load ${load()})...\n`,
      );
      const started = performance.now();
      shop = await generateAnalyticsData(database.url, size, (l) => process.stdout.write(`${l}\n`));
      process.stdout.write(`Generated in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    }

    const to = new Date();
    const scope: AnalyticsScope = {
      shopId: shop.shopId,
      from: day(new Date(to.getTime() - 89 * 86_400_000)),
      to: day(to),
      timeZone: 'Europe/Berlin',
    };
    await db.connect();
    const features = (await db.query(FEATURES_STATEMENT.sql)).rows[0];
    const statements = analyticsStatements(scope, features);
    const counts = await db.query<{ calls: number; orders: number; all_calls: number }>(
      `SELECT (SELECT count(*)::int FROM calls WHERE shop_id = $1 AND created_at >= $2::date::timestamp AT TIME ZONE $4
                 AND created_at < ($3::date + 1)::timestamp AT TIME ZONE $4) AS calls,
              (SELECT count(*)::int FROM orders WHERE shop_id = $1 AND created_at >= $2::date::timestamp AT TIME ZONE $4
                 AND created_at < ($3::date + 1)::timestamp AT TIME ZONE $4) AS orders,
              (SELECT count(*)::int FROM calls WHERE shop_id = $1) AS all_calls`,
      [scope.shopId, scope.from, scope.to, scope.timeZone],
    );
    const c = counts.rows[0];
    process.stdout.write(
      `Busiest shop: ${c.all_calls.toLocaleString('en')} calls in two years; ${scope.from}..${scope.to} ` +
        `(Europe/Berlin): ${c.calls.toLocaleString('en')} calls, ${c.orders} orders\n`,
    );

    const named: [string, { sql: string; params: unknown[] }][] = [
      [
        'baseline: count(*) of the same calls',
        {
          sql: `SELECT count(*) FROM calls c WHERE c.shop_id = $1 AND c.created_at >= ($2::date)::timestamp AT TIME ZONE $4
                  AND c.created_at < ($3::date + 1)::timestamp AT TIME ZONE $4`,
          params: [scope.shopId, scope.from, scope.to, scope.timeZone],
        },
      ],
      ...Object.entries(statements),
      ['every figure in one statement (what the API runs)', figuresStatement(scope, features)],
    ];
    const token = signJwt({ sub: shop.ownerId, role: 'seller', name: shop.ownerName, shopId: shop.shopId });
    const url = `${base}/api/v2/analytics?from=${scope.from}&to=${scope.to}&timeZone=Europe/Berlin`;
    const endpoint = async () => {
      const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET /analytics answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    // Warm-up: plans cached, pages in memory, the API's pool open.
    for (let i = 0; i < 3; i++) {
      for (const [, s] of named) await db.query(s.sql, s.params);
      await endpoint();
    }

    const loadBefore = load();
    const times = new Map<string, number[]>([
      ...named.map(([n]) => [n, []] as [string, number[]]),
      ['GET /analytics (all, over HTTP)', []],
    ]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, s] of named) {
        const t0 = performance.now();
        await db.query(s.sql, s.params);
        times.get(name)?.push(performance.now() - t0);
      }
      const t0 = performance.now();
      await endpoint();
      times.get('GET /analytics (all, over HTTP)')?.push(performance.now() - t0);
    }
    const loadAfter = load();

    const baseline = [...(times.get(named[0][0]) ?? [])].sort((a, b) => a - b);
    const baseP95 = percentile(baseline, 0.95);
    process.stdout.write(
      `\n${ROUNDS} rounds; load average (1/5/15 min) before ${loadBefore}, after ${loadAfter}; ${os.cpus().length} CPUs\n\n`,
    );
    process.stdout.write('| query | p50 ms | p95 ms | max ms | p95 / baseline p95 |\n');
    process.stdout.write('| ----- | -----: | -----: | -----: | -----------------: |\n');
    let worst = 0;
    for (const [name, list] of times) {
      const sorted = [...list].sort((a, b) => a - b);
      const p95 = percentile(sorted, 0.95);
      if (name !== named[0][0]) worst = Math.max(worst, p95);
      process.stdout.write(
        `| ${name} | ${percentile(sorted, 0.5).toFixed(1)} | ${p95.toFixed(1)} | ${sorted.at(-1)?.toFixed(1)} | ` +
          `${(p95 / baseP95).toFixed(1)}x |\n`,
      );
    }
    process.stdout.write(
      `\nWorst p95: ${worst.toFixed(1)} ms (target < ${TARGET_P95_MS} ms: ${worst < TARGET_P95_MS ? 'met' : 'NOT met'} in this run)\n`,
    );
  } finally {
    await db.end().catch(() => undefined);
    await stopChild(child);
    await database.stop();
  }
});
