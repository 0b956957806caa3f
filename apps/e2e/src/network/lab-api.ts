import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LAB_DIR, PUBLIC_IP, PUBLIC_NS, stopProcess } from './lab';

const root = resolve(__dirname, '../../../..');

const BUILD_FILES = ['api/main.js', 'storefront/browser/index.html', 'seller-console/browser/index.html'];
const complete = (dir: string) => BUILD_FILES.every((f) => existsSync(join(dir, f)));

/**
 * A copy of the build (`dist/apps`) for this run, so a rebuild while the suite runs does not
 * pull files from under the API. Waits up to 5 minutes for a build in progress to finish.
 */
export async function snapshotBuild(): Promise<string> {
  const dist = join(root, 'dist/apps');
  const target = join(LAB_DIR, 'dist');
  const deadline = Date.now() + 5 * 60_000;
  let said = false;
  for (;;) {
    if (complete(dist)) {
      rmSync(target, { recursive: true, force: true });
      cpSync(dist, target, { recursive: true });
      if (complete(target)) return target;
    }
    if (Date.now() > deadline)
      throw new Error(
        `No complete build in dist/apps (${BUILD_FILES.join(', ')}): build api, storefront and seller-console first`,
      );
    if (!said) console.log('Waiting for a complete build in dist/apps…');
    said = true;
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

/** The build this run uses (see {@link snapshotBuild}). */
function buildDir(): string {
  return process.env['NETLAB_DIST'] ?? join(root, 'dist/apps');
}

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
 * The API's one port: the public namespace has its own ports, and one API runs at a time, so
 * the page origin (which Chromium is told to treat as secure) stays the same for the whole run.
 */
export const API_PORT = 3000;
export const API_URL = `http://${PUBLIC_IP}:${API_PORT}`;

/** A database created, migrated and seeded once per run, that every scenario's API copies. */
const TEMPLATE_DIR = join(LAB_DIR, 'db-template');

/**
 * Starts the API once on a new embedded PostgreSQL (initdb, migrations, demo data: 15 s on two
 * busy cores) and stops it; each scenario's API then starts from a copy in 3-4 s.
 */
export async function prepareDatabaseTemplate(): Promise<void> {
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  chmodSync(TEMPLATE_DIR, 0o755); // the embedded server runs as the `postgres` user under root
  const api = await launchApi('database template', TEMPLATE_DIR, {});
  await stopProcess(api.process, 30_000);
  if (
    !existsSync(join(TEMPLATE_DIR, 'postgres', 'PG_VERSION')) ||
    existsSync(join(TEMPLATE_DIR, 'postgres', 'postmaster.pid'))
  )
    throw new Error(`The template database in ${TEMPLATE_DIR} was not shut down cleanly`);
}

/**
 * Starts the built API (serving both web apps) inside the public namespace on its own
 * embedded PostgreSQL with the demo data (a copy of the run's template when there is one),
 * reachable at {@link API_URL}, and points the shared browser helpers (`E2E_BASE_URL`) at it.
 * Stop it before starting the next one.
 */
export async function startLabApi(name: string, env: Record<string, string>): Promise<LabApi> {
  const dataDir = join(LAB_DIR, `api-${name}`);
  rmSync(dataDir, { recursive: true, force: true });
  if (existsSync(join(TEMPLATE_DIR, 'postgres', 'PG_VERSION'))) {
    // -a keeps the owner (`postgres`) and modes PostgreSQL insists on.
    execFileSync('cp', ['-a', TEMPLATE_DIR, dataDir]);
  } else {
    mkdirSync(dataDir, { recursive: true });
    chmodSync(dataDir, 0o755);
  }
  const api = await launchApi(name, dataDir, env);
  const stop = api.stop;
  api.stop = async () => {
    await stop();
    if (process.env['NETLAB_KEEP'] !== '1') rmSync(dataDir, { recursive: true, force: true });
  };
  return api;
}

async function launchApi(name: string, dataDir: string, env: Record<string, string>): Promise<LabApi> {
  const port = API_PORT;
  const url = API_URL;
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
    CUSTOMER_MAX_SOCKETS: '1000',
    CUSTOMER_CALLS_PER_MINUTE: '100000',
    SHOP_RINGS_PER_CUSTOMER_PER_MINUTE: '100000',
    WEB_DIST_DIR: buildDir(),
    ...env,
  };
  delete apiEnv['DATABASE_URL'];
  delete apiEnv['NODE_OPTIONS'];
  delete apiEnv['REDIS_URL'];
  const child = spawn(
    'ip',
    ['netns', 'exec', PUBLIC_NS, process.execPath, '--enable-source-maps', join(buildDir(), 'api/main.js')],
    { cwd: root, env: apiEnv, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const api: LabApi = {
    url,
    process: child,
    stop: async () => {
      const stopping = Date.now();
      await stopProcess(child);
      console.log(`API ${name} stopped in ${Date.now() - stopping} ms`);
    },
  };
  const started = Date.now();
  const deadline = started + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The API exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`${url}/api/v2/health/ready`);
      if (res.ok) {
        console.log(`API ${name} ready at ${url} in ${Date.now() - started} ms`);
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
