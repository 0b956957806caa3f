#!/usr/bin/env node
// `npm run start:cluster`: the API as several instances behind HAProxy on one port, sharing
// Socket.io rooms through Redis and one PostgreSQL (see docs/deployment.md, "Several
// instances"). Installs nothing; says what is missing.
//
//   npm run start:cluster                       # 2 instances, balancer on :3000 (PORT)
//   npm run start:cluster -- --instances=3 --no-build
//
// Redis: REDIS_URL, or the machine's Redis at 127.0.0.1:6379. PostgreSQL: DATABASE_URL, or an
// embedded server in .data/cluster/postgres on port 54330 (apart from `npm start`'s).
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { clusterTools, postgres, READY_PATH, startApi, startBalancer } from '../cluster/cluster.ts';

const root = new URL('../..', import.meta.url).pathname;
process.chdir(root);
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((a) => a.replace(/^--/, '').split('='))
    .map(([k, v]) => [k, v ?? 'true']),
);
const count = Number(args.instances ?? 2);
const port = Number(process.env.PORT ?? 3000);

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

if (!clusterTools().haproxy)
  fail('HAProxy is not installed. Debian/Ubuntu: sudo apt-get install haproxy (the script starts its own).');

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new URL(redisUrl);
const redisUp = await new Promise((ok) => {
  const s = connect(Number(redis.port || 6379), redis.hostname);
  s.once('connect', () => (s.destroy(), ok(true)));
  s.once('error', () => ok(false));
});
if (!redisUp)
  fail(
    `No Redis at ${redis.host}. Start one (Debian/Ubuntu: sudo apt-get install redis-server, then\n` +
      `redis-server --daemonize yes), or point REDIS_URL at yours: the instances share calls and presence through it.`,
  );

if (args.build !== 'false' && !args['no-build']) {
  console.log('Building api, storefront, seller-console (cached after the first time)...');
  const build = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '--projects=api,storefront,seller-console', '--parallel=1'],
    { stdio: 'inherit' },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const running = [];
let database = null;
async function stopAll() {
  await Promise.all(running.map((p) => p.stop('SIGTERM')));
  await database?.stop();
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void stopAll().then(() => process.exit(0)));
}

try {
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    database = postgres(join(root, '.data/cluster'), 54330);
    await database.start();
    databaseUrl = database.url;
    console.log(`Embedded PostgreSQL in .data/cluster/postgres, port 54330`);
  }
  const base = `http://localhost:${port}`;
  const env = {
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    PUBLIC_URL: process.env.PUBLIC_URL ?? base,
  };
  const instances = [];
  for (let i = 1; i <= count; i++) {
    // The first instance migrates and seeds; the others start once it is ready.
    const instance = await startApi({
      name: `api${i}`,
      main: join(root, 'dist/apps/api/main.js'),
      port: port + i,
      env: i === 1 ? env : { ...env, SEED_DEMO_DATA: 'false' },
      logDir: join(root, 'tmp/cluster'),
      echo: true,
    });
    running.unshift(instance);
    instances.push(instance);
    console.log(`Instance api${i} ready on port ${port + i}`);
  }
  running.push(
    await startBalancer(join(root, 'tmp/cluster'), {
      port,
      host: process.env.HOST ?? '0.0.0.0',
      instances: instances.map((i) => ({ name: i.name, port: i.port })),
    }),
  );
  process.stdout.write(
    `\n  Callshop is running as ${count} instances behind HAProxy:\n` +
      `    Storefront      ${base}/\n    Seller console  ${base}/seller/\n    API docs        ${base}/api/docs\n` +
      `    Instances       ${instances.map((i) => i.url + READY_PATH).join('\n                    ')}\n` +
      `    Logs            tmp/cluster/ (api1.log, ..., haproxy.log)\n\n`,
  );
  for (const p of running) {
    void p.exited.then((code) => {
      if (p.process.spawnfile.includes('haproxy')) console.error(`HAProxy exited (${code})`);
    });
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  await stopAll();
  process.exit(1);
}
