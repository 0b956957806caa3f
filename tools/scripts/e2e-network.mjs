#!/usr/bin/env node
// Calls across simulated real networks (apps/e2e/jest.network.config.ts, docs/testing.md):
// browsers behind NATs in network namespaces, a coturn relay, links cut on command. The test
// process itself runs in a fresh network namespace (`unshare -n`) that the lab plugs into its
// "public" network, so nothing touches this machine's own network.
//
//   node tools/scripts/e2e-network.mjs                      # the whole suite
//   node tools/scripts/e2e-network.mjs -t 'symmetric NAT'   # extra arguments go to Jest
//
// Needs root, iproute2 (`ip netns`), iptables, coturn (`turnserver`), Chromium and a build
// (`npx nx run-many -t build --projects=api,storefront,seller-console`). Without them it says
// loudly that it was skipped and exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium } from './chromium.mjs';

const root = new URL('../..', import.meta.url).pathname;

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Why the network suite cannot run here, or null when it can. */
export function networkLabMissing() {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'it must run as root (network namespaces, iptables)';
  if (!has('ip') || spawnSync('ip', ['netns', 'list'], { stdio: 'ignore' }).status !== 0)
    return '`ip netns` is not available (apt-get install iproute2)';
  if (!has('iptables')) return 'iptables is not installed (apt-get install iptables)';
  if (!has('turnserver')) return 'coturn is not installed (apt-get install coturn)';
  if (!has('unshare')) return 'unshare is not available (apt-get install util-linux)';
  if (!findChromium()) return 'no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)';
  return null;
}

export function skippedBanner(reason) {
  const line = (text) => `!! ${text.padEnd(74)} !!`;
  return [
    '',
    '!'.repeat(80),
    line('NETWORK TESTS SKIPPED (calls across NATs and TURN):'),
    line(reason),
    line('See docs/testing.md, "Network lab".'),
    '!'.repeat(80),
    '',
  ].join('\n');
}

function main() {
  const missing = networkLabMissing();
  if (missing) {
    console.log(skippedBanner(missing));
    return 0;
  }
  if (!existsSync(join(root, 'dist/apps/api/main.js'))) {
    console.error('No build: run `npx nx run-many -t build --projects=api,storefront,seller-console` first.');
    return 1;
  }
  const args = process.argv
    .slice(2)
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  const env = {
    ...process.env,
    CHROMIUM_PATH: findChromium(),
    // The lab refuses to plug into this namespace (the machine's network).
    NETLAB_OUTER_NETNS: readlinkSync('/proc/self/ns/net'),
    NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' '),
  };
  console.log(
    'Network tests run from their own network namespace (unshare -n), the lab in csnet-* namespaces.',
  );
  const result = spawnSync(
    'unshare',
    ['-n', 'sh', '-c', `ip link set lo up && npx jest -c apps/e2e/jest.network.config.ts ${args}`],
    { cwd: root, stdio: 'inherit', env },
  );
  return result.status ?? 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(main());
