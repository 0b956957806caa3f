#!/usr/bin/env node
// The whole test suite, as CI runs it: formatting, lint, type-check, unit and API
// integration tests (real PostgreSQL), then browser tests in Chromium, then calls across
// simulated networks (NATs, TURN, cut links) in network namespaces, then two API instances
// behind HAProxy losing an instance, Redis or PostgreSQL under live calls.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from './chromium.mjs';
import { clusterSkippedBanner, clusterTestsMissing } from './e2e-cluster.mjs';
import { networkLabMissing, skippedBanner } from './e2e-network.mjs';

const root = new URL('../..', import.meta.url).pathname;
const results = join(root, 'tmp', 'test-results');
rmSync(results, { recursive: true, force: true });

const steps = [];
function run(title, cmd, args, env = {}) {
  console.log(`\n==> ${title}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  steps.push({ title, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

const nx = ['nx'];
const jestEnv = {
  NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' '),
};

run('Formatting (prettier)', 'npx', ['prettier', '--check', '.']);
run('Lint (eslint, module boundaries)', 'npx', [
  ...nx,
  'run-many',
  '-t',
  'lint',
  '--parallel=2',
  '--skip-nx-cache',
]);
run('Type-check', 'npx', [...nx, 'run-many', '-t', 'typecheck', '--parallel=2', '--skip-nx-cache']);
run('Unit and API integration tests (Jest, real PostgreSQL)', 'npx', [
  ...nx,
  'run-many',
  '-t',
  'test',
  '--parallel=1',
  '--skip-nx-cache',
]);

let browser = 'skipped';
let network = 'skipped';
let networkSkipReason = 'no Chromium';
if (existsSync(join(root, 'apps', 'e2e', 'project.json'))) {
  const chromium = findChromium();
  if (!chromium) {
    browser = 'skipped';
    console.log(
      '\n' +
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' +
        '!! BROWSER TESTS SKIPPED: no Chromium found.                                !!\n' +
        '!! Install it (Debian/Ubuntu: sudo apt-get install chromium) or set          !!\n' +
        '!! CHROMIUM_PATH=/path/to/chromium, then run npm test again.                 !!\n' +
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n',
    );
  } else {
    const built = run('Build (API, storefront, seller console)', 'npx', [
      ...nx,
      'run-many',
      '-t',
      'build',
      '--parallel=1',
    ]);
    browser =
      built &&
      run('Browser tests (Playwright + Chromium, loopback network)', 'node', ['tools/scripts/e2e.mjs'], {
        ...jestEnv,
        CHROMIUM_PATH: chromium,
      })
        ? 'ran'
        : 'failed';
    networkSkipReason = networkLabMissing() ?? (built ? null : 'the build failed');
    if (networkSkipReason) {
      console.log(skippedBanner(networkSkipReason));
    } else {
      network = run(
        'Network tests (NATs, TURN, cut links; browsers in network namespaces)',
        'node',
        ['tools/scripts/e2e-network.mjs'],
        { ...jestEnv, CHROMIUM_PATH: chromium },
      )
        ? 'ran'
        : 'failed';
    }
  }
}

let cluster = 'skipped';
const clusterSkipReason = clusterTestsMissing();
if (clusterSkipReason) {
  console.log(clusterSkippedBanner(clusterSkipReason));
} else {
  const built =
    existsSync(join(root, 'dist', 'apps', 'api', 'main.js')) ||
    run('Build (API)', 'npx', [...nx, 'run', 'api:build']);
  cluster =
    built &&
    run('Cluster tests (HAProxy, two API instances, Redis and PostgreSQL outages)', 'node', [
      'tools/scripts/e2e-cluster.mjs',
    ])
      ? 'ran'
      : 'failed';
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(results)) {
  for (const f of readdirSync(results)) {
    const r = JSON.parse(readFileSync(join(results, f), 'utf8'));
    passed += r.passed;
    failed += r.failed;
    skipped += r.skipped;
  }
}
const failedSteps = steps.filter((s) => !s.ok);
console.log('\n==> Summary');
for (const s of steps) console.log(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.title} (${s.seconds}s)`);
if (browser === 'skipped') console.log('  SKIP Browser tests: no Chromium (see above)');
if (network === 'skipped') console.log(`  SKIP Network tests: ${networkSkipReason} (see above)`);
if (cluster === 'skipped') console.log(`  SKIP Cluster tests: ${clusterSkipReason} (see above)`);
if (failedSteps.length && failed === 0) failed = failedSteps.length;
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length || failed ? 1 : 0);
