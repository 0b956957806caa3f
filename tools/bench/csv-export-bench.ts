// CSV export benchmark: a shop with 100,000 calls, exported through the real API
// (GET /api/v2/exports/calls.csv, streamed from PostgreSQL), with the API process's resident
// memory sampled while it streams. Exports of 1,000, 10,000 and 100,000 rows are compared with
// the idle process (the baseline): if memory stays flat, the export does not hold the rows.
//
//   npm run bench:csv-export                   (or: node tools/bench/csv-export-bench.ts)
//   node tools/bench/csv-export-bench.ts --rows=100000 --no-build
//   BENCH_API_MAIN=tmp/x/api/main.js runs that build; DATABASE_URL uses that PostgreSQL server
//   (a scratch database is created and dropped), otherwise an embedded one is started.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  buildApi,
  freePort,
  JWT_SECRET,
  option,
  rssBytes,
  runBenchmark,
  seed,
  sleep,
  startChild,
  startDatabase,
  stopChild,
} from './bench-kit.ts';

const ROWS = option('rows', 100_000);
const MB = 1024 * 1024;

/** Gives the shop `rows` finished calls from 1,000 customers, spread over two years. */
async function seedCalls(
  url: string,
  shopId: string,
  productId: string,
  customerIds: string[],
  rows: number,
) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO calls (customer_id, shop_id, product_id, product_name, product_price, product_currency,
                          type, initiated_by, status, end_reason, created_at, answered_at, ended_at, duration_seconds)
       SELECT ($3::uuid[])[1 + g % array_length($3::uuid[], 1)], $1, $2,
              'Bench product, "deluxe" ' || (g % 50), 1999 + g % 100, 'USD', 'video',
              CASE WHEN g % 7 = 0 THEN 'shop' ELSE 'customer' END,
              CASE WHEN g % 3 = 0 THEN 'missed' ELSE 'ended' END,
              CASE WHEN g % 3 = 0 THEN 'timeout' ELSE 'hangup' END,
              now() - (g || ' minutes')::interval,
              CASE WHEN g % 3 = 0 THEN NULL ELSE now() - (g || ' minutes')::interval + interval '5 seconds' END,
              now() - (g || ' minutes')::interval + interval '2 minutes',
              CASE WHEN g % 3 = 0 THEN NULL ELSE 115 END
       FROM generate_series(1, $4) g`,
      [shopId, productId, customerIds, rows],
    );
    await db.query('ANALYZE calls');
  } finally {
    await db.end();
  }
}

interface Run {
  rows: number;
  bytes: number;
  seconds: number;
  peakRss: number;
}

/** Downloads the export, discarding it, while sampling the API's memory every 10 ms. */
async function exportOnce(base: string, token: string, pid: number, query: string): Promise<Run> {
  let peak = rssBytes(pid);
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, rssBytes(pid));
      await sleep(10);
    }
  })();
  const started = performance.now();
  const res = await fetch(`${base}/api/v2/exports/calls.csv${query}`, {
    headers: { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'identity' },
  });
  if (!res.ok || !res.body) throw new Error(`export answered ${res.status}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  sampling = false;
  await sampler;
  // Lines end with CRLF; the header is one of them (notes with line breaks would add more).
  return { rows: lines - 1, bytes, seconds, peakRss: peak };
}

runBenchmark(async () => {
  const main = process.env['BENCH_API_MAIN'] ? resolve(process.env['BENCH_API_MAIN']) : buildApi();
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
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 600; i++) {
      const ready = await fetch(`${base}/api/v2/health/ready`).catch(() => null);
      if (ready?.ok) break;
      if (i === 599) throw new Error(`the API did not start:\n${output().slice(-2000)}`);
      await sleep(100);
    }
    const { sellers, customers } = await seed(database.url, 1, 1000);
    const [seller] = sellers;
    process.stdout.write(`Seeding ${ROWS} calls...\n`);
    await seedCalls(
      database.url,
      seller.shopId as string,
      seller.productId as string,
      customers.map((c) => c.userId),
      ROWS,
    );
    const pid = child.pid as number;
    // Warm up (JIT, connection pool, plan cache), then take the idle baseline.
    await exportOnce(base, seller.token, pid, '?to=2000-01-01T00:00:00Z');
    await sleep(500);
    const baseline = rssBytes(pid);
    const runs: Run[] = [];
    const sizes = [1_000, 10_000, ROWS].filter((n, i, all) => n <= ROWS && all.indexOf(n) === i);
    for (const size of sizes) {
      // The size-th newest call's time bounds the export to `size` rows.
      const db = new pg.Client({ connectionString: database.url });
      await db.connect();
      const { rows } = await db.query<{ created_at: Date }>(
        `SELECT created_at FROM calls ORDER BY created_at DESC OFFSET $1 LIMIT 1`,
        [size - 1],
      );
      await db.end();
      const from = rows[0].created_at.toISOString();
      runs.push(await exportOnce(base, seller.token, pid, `?from=${encodeURIComponent(from)}`));
    }
    process.stdout.write(
      `\nAPI process resident memory, idle after a warm-up: ${(baseline / MB).toFixed(1)} MB\n\n`,
    );
    process.stdout.write('| rows exported | CSV size | time | rows/s | peak RSS | over the baseline |\n');
    process.stdout.write('| ------------: | -------: | ---: | -----: | -------: | ----------------: |\n');
    for (const r of runs) {
      process.stdout.write(
        `| ${r.rows.toLocaleString('en')} | ${(r.bytes / MB).toFixed(1)} MB | ${r.seconds.toFixed(2)} s | ` +
          `${Math.round(r.rows / r.seconds).toLocaleString('en')} | ${(r.peakRss / MB).toFixed(1)} MB | ` +
          `+${((r.peakRss - baseline) / MB).toFixed(1)} MB |\n`,
      );
    }
  } finally {
    await stopChild(child);
    await database.stop();
  }
});
