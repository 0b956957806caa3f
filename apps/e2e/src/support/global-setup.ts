import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { API_LOG } from './api-log';

declare global {
  var __E2E_API__: ChildProcess | undefined;
}

const root = resolve(__dirname, '../../../..');
/** The build the tests run: `dist/apps`, or a copy named by E2E_DIST_DIR (safe from rebuilds). */
const dist = process.env['E2E_DIST_DIR'] ?? join(root, 'dist/apps');

/**
 * Starts the built API (which serves both web apps) on a fresh embedded PostgreSQL server
 * with the demo data, and waits until it is ready.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'callshop-e2e-'));
  chmodSync(dataDir, 0o755); // the embedded server may run as the `postgres` user
  const port = 4100 + Math.floor(Math.random() * 800);
  const url = `http://127.0.0.1:${port}`;
  mkdirSync(join(root, 'test-artifacts'), { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    EMBEDDED_DB_DIR: join(dataDir, 'postgres'),
    EMBEDDED_DB_PORT: String(port + 1000),
    SEED_DEMO_DATA: 'true',
    // Every level, into a file the teardown checks for secrets (and prints warnings from).
    LOG_LEVEL: process.env['E2E_LOG_LEVEL'] ?? 'debug',
    // Long enough to check both ringing views (axe, two widths) on 2 busy cores before Accept,
    // short enough for the missed-call test to wait it out.
    CALL_RING_TIMEOUT_MS: process.env['CALL_RING_TIMEOUT_MS'] ?? '15000',
    CALL_RECONNECT_GRACE_MS: '5000',
    RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    CUSTOMER_MAX_SOCKETS: '1000',
    CUSTOMER_CALLS_PER_MINUTE: '100000',
    SHOP_RINGS_PER_CUSTOMER_PER_MINUTE: '100000',
    WEB_DIST_DIR: dist,
  };
  delete env['DATABASE_URL'];
  delete env['NODE_OPTIONS'];
  const api = spawn(process.execPath, ['--enable-source-maps', join(dist, 'api/main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', openSync(API_LOG, 'w'), 'inherit'],
  });
  globalThis.__E2E_API__ = api;
  process.env['E2E_BASE_URL'] = url;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null)
      throw new Error(`The API exited with code ${api.exitCode} before it was ready`);
    try {
      const res = await fetch(`${url}/api/v2/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  api.kill('SIGTERM');
  throw new Error('The API did not become ready within 60 s');
}
