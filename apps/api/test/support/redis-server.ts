import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** A throwaway Redis server (TEST_REDIS_URL wins when set); null when none can be had. */
export async function startRedis(): Promise<{ url: string; stop: () => void } | null> {
  if (process.env['TEST_REDIS_URL']) return { url: process.env['TEST_REDIS_URL'], stop: () => undefined };
  if (spawnSync('redis-server', ['--version']).status !== 0) return null;
  const port = 46000 + Math.floor(Math.random() * 4000);
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await new Promise((r) => setTimeout(r, 300));
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill() };
}
