#!/usr/bin/env node
// Fault tests with real processes (apps/e2e/jest.cluster.config.ts, docs/testing.md): two API
// instances behind HAProxy, a redis-server and an embedded PostgreSQL of their own; instances
// killed or stopped under live calls, Redis and PostgreSQL taken away and brought back.
//
//   node tools/scripts/e2e-cluster.mjs                  # both files
//   node tools/scripts/e2e-cluster.mjs instance-loss    # extra arguments go to Jest
//
// Needs haproxy and redis-server (apt-get install haproxy redis-server) and an API build
// (`npx nx build api`). Without the two programs it says so loudly and exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('../..', import.meta.url).pathname;

function found(command, paths) {
  return (
    spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0 ||
    paths.some((p) => existsSync(p))
  );
}

/** Why the cluster tests cannot run here, or null when they can. */
export function clusterTestsMissing() {
  const missing = [
    found('haproxy', ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy']) ? null : 'haproxy',
    found('redis-server', ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) ? null : 'redis-server',
  ].filter(Boolean);
  return missing.length
    ? `${missing.join(' and ')} not installed (apt-get install ${missing.join(' ')})`
    : null;
}

export function clusterSkippedBanner(reason) {
  const line = (text) => `!! ${text.padEnd(74)} !!`;
  return [
    '',
    '!'.repeat(80),
    line('CLUSTER TESTS SKIPPED (instances killed and drained, Redis and PostgreSQL'),
    line('outages behind HAProxy):'),
    line(reason),
    line('See docs/testing.md, "Cluster tests".'),
    '!'.repeat(80),
    '',
  ].join('\n');
}

function main() {
  const missing = clusterTestsMissing();
  if (missing) {
    console.log(clusterSkippedBanner(missing));
    return 0;
  }
  if (!existsSync(join(root, 'dist/apps/api/main.js'))) {
    console.error('No API build: run `npx nx build api` first.');
    return 1;
  }
  const result = spawnSync(
    'npx',
    ['jest', '-c', 'apps/e2e/jest.cluster.config.ts', ...process.argv.slice(2)],
    {
      cwd: root,
      // No terminal input: Jest reading one from a background process group stops the group.
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' '),
      },
    },
  );
  return result.status ?? 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main());
