#!/usr/bin/env node
// Runs the browser tests in a loopback-only network namespace, so WebRTC media and every
// request stay on this machine: as root `unshare -n`, otherwise `unshare -rn` (user
// namespace). Where neither is possible the tests run on the host network, with a warning.
import { spawnSync } from 'node:child_process';

const root = new URL('../..', import.meta.url).pathname;
const jest = `npx jest -c apps/e2e/jest.config.ts ${process.argv
  .slice(2)
  .map((a) => `'${a}'`)
  .join(' ')}`;
const inner = `ip link set lo up && ${jest}`;
const env = {
  ...process.env,
  NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' '),
};

function works(args) {
  return spawnSync('unshare', [...args, 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' }).status === 0;
}

const isRoot = process.getuid?.() === 0;
const unshareArgs = [isRoot ? ['-n'] : null, ['-rn']].find((a) => a && works(a));
let result;
if (unshareArgs) {
  console.log(`Browser tests run in a loopback-only network namespace (unshare ${unshareArgs.join(' ')}).`);
  result = spawnSync('unshare', [...unshareArgs, 'sh', '-c', inner], { cwd: root, stdio: 'inherit', env });
} else {
  console.warn('WARNING: cannot create a network namespace here; browser tests run on the host network.');
  result = spawnSync('sh', ['-c', jest], { cwd: root, stdio: 'inherit', env });
}
process.exit(result.status ?? 1);
