#!/usr/bin/env node
// `npm start`: builds what is missing or changed (Nx caches the rest), then runs the API,
// which serves the storefront at / and the seller console at /seller/. Without
// DATABASE_URL it starts an embedded PostgreSQL server and seeds the demo marketplace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const seedOnly = process.argv.includes('--seed-only');
const projects = ['api', 'storefront', 'seller-console'].filter((p) =>
  existsSync(join(root, 'apps', p, 'project.json')),
);

console.log(`Building ${projects.join(', ')} (cached after the first time)...`);
const build = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'build', `--projects=${projects.join(',')}`, '--parallel=1'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const api = spawn(
  process.execPath,
  ['--enable-source-maps', 'dist/apps/api/main.js', ...(seedOnly ? ['--seed-only'] : [])],
  {
    cwd: root,
    stdio: 'inherit',
    env: { NODE_ENV: 'development', ...process.env },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code) => process.exit(code ?? 0));
