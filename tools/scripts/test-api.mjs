// Starts the built API (dist/apps/api/main.js, which serves both web apps) on a fresh
// embedded PostgreSQL with the demo data, for benchmarks that drive a browser against it.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
/** The build to run: `dist/apps`, or a copy named by E2E_DIST_DIR (safe from rebuilds). */
const dist = process.env.E2E_DIST_DIR ?? join(root, 'dist/apps');

/** Resolves `{ url, stop }` once `/api/v2/health/ready` answers; `env` adds or overrides settings. */
export async function startTestApi(env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'callshop-bench-'));
  chmodSync(dataDir, 0o755); // the embedded server may run as the `postgres` user
  const port = 5100 + Math.floor(Math.random() * 700);
  const url = `http://127.0.0.1:${port}`;
  const childEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    EMBEDDED_DB_DIR: join(dataDir, 'postgres'),
    EMBEDDED_DB_PORT: String(port + 1000),
    SEED_DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    CUSTOMER_MAX_SOCKETS: '1000',
    CUSTOMER_CALLS_PER_MINUTE: '100000',
    SHOP_RINGS_PER_CUSTOMER_PER_MINUTE: '100000',
    WEB_DIST_DIR: dist,
    ...env,
  };
  delete childEnv.DATABASE_URL;
  delete childEnv.NODE_OPTIONS;
  const api = spawn(process.execPath, [join(dist, 'api/main.js')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: childEnv,
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`The API exited with code ${api.exitCode}`);
    try {
      if ((await fetch(`${url}/api/v2/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    if (api.exitCode === null) {
      const exited = new Promise((r) => api.once('exit', r));
      api.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, stop };
}

/**
 * Re-runs the calling script in a loopback-only network namespace (as the browser tests run),
 * unless it already is in one (`inNamespaceVar` set) or `hostNetwork`. Returns false when the
 * script should go on here; otherwise exits with the inner run's status.
 */
export function reexecInLoopbackNamespace(scriptUrl, inNamespaceVar, hostNetwork = false) {
  if (process.env[inNamespaceVar] || hostNetwork) return false;
  const works = (a) =>
    spawnSync('unshare', [...a, 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' }).status === 0;
  const isRoot = process.getuid?.() === 0;
  const unshareArgs = [isRoot ? ['-n'] : null, ['-rn']].find((a) => a && works(a));
  if (!unshareArgs) {
    console.warn('WARNING: cannot create a network namespace here; measuring on the host network.');
    return false;
  }
  const inner = `ip link set lo up && exec "${process.execPath}" "${new URL(scriptUrl).pathname}" ${process.argv
    .slice(2)
    .map((a) => `'${a}'`)
    .join(' ')}`;
  const r = spawnSync('unshare', [...unshareArgs, 'sh', '-c', inner], {
    stdio: 'inherit',
    env: { ...process.env, [inNamespaceVar]: '1' },
  });
  process.exit(r.status ?? 1);
}

/** `--name=value` and `--flag` arguments of the running script, as `{ name: 'value', flag: 'true' }`. */
export function cliArgs() {
  return Object.fromEntries(
    process.argv
      .slice(2)
      .filter((a) => a.startsWith('--'))
      .map((a) => {
        const [k, v] = a.slice(2).split('=');
        return [k, v ?? 'true'];
      }),
  );
}
