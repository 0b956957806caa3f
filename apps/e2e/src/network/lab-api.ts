import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LAB_DIR, PUBLIC_IP, PUBLIC_NS, stopProcess } from './lab';

const root = resolve(__dirname, '../../../..');

export interface LabApi {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** What the TURN server gives every API of the lab (set by the network suite's global setup). */
export function labTurn(): { urls: string; stunUrls: string; secret: string } {
  const urls = process.env['NETLAB_TURN_URLS'];
  const stunUrls = process.env['NETLAB_STUN_URLS'];
  const secret = process.env['NETLAB_TURN_SECRET'];
  if (!urls || !stunUrls || !secret)
    throw new Error('The network lab is not running: run through apps/e2e/jest.network.config.ts');
  return { urls, stunUrls, secret };
}

/** ICE settings of an API: TURN with the lab's coturn, STUN only, or nothing at all. */
export function iceEnv(kind: 'turn' | 'relay-only' | 'stun-only'): Record<string, string> {
  const turn = labTurn();
  if (kind === 'stun-only') return { STUN_URLS: turn.stunUrls, TURN_URLS: '', TURN_SECRET: '' };
  return {
    STUN_URLS: turn.stunUrls,
    TURN_URLS: turn.urls,
    TURN_SECRET: turn.secret,
    TURN_TTL_SECONDS: '600',
    ICE_RELAY_ONLY: String(kind === 'relay-only'),
  };
}

/**
 * Starts the built API (serving both web apps) inside the public namespace on a fresh
 * embedded PostgreSQL with the demo data, reachable at `http://203.0.113.1:<port>`, and points
 * the shared browser helpers (`E2E_BASE_URL`) at it.
 */
export async function startLabApi(name: string, env: Record<string, string>): Promise<LabApi> {
  const port = 3100 + Math.floor(Math.random() * 800);
  const url = `http://${PUBLIC_IP}:${port}`;
  const dataDir = join(LAB_DIR, `api-${name}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o755); // the embedded server runs as the `postgres` user under root
  const apiEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: PUBLIC_IP,
    PUBLIC_URL: url,
    CORS_ORIGINS: url,
    EMBEDDED_DB_DIR: join(dataDir, 'postgres'),
    EMBEDDED_DB_PORT: String(20000 + Math.floor(Math.random() * 9000)),
    SEED_DEMO_DATA: 'true',
    LOG_LEVEL: process.env['E2E_LOG_LEVEL'] ?? 'warn',
    RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    WEB_DIST_DIR: join(root, 'dist/apps'),
    ...env,
  };
  delete apiEnv['DATABASE_URL'];
  delete apiEnv['NODE_OPTIONS'];
  delete apiEnv['REDIS_URL'];
  const child = spawn(
    'ip',
    [
      'netns',
      'exec',
      PUBLIC_NS,
      process.execPath,
      '--enable-source-maps',
      join(root, 'dist/apps/api/main.js'),
    ],
    { cwd: root, env: apiEnv, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const api: LabApi = { url, process: child, stop: () => stopProcess(child) };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The API exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`${url}/api/v2/health/ready`);
      if (res.ok) {
        process.env['E2E_BASE_URL'] = url;
        return api;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await api.stop();
  throw new Error('The API did not become ready within 60 s');
}
