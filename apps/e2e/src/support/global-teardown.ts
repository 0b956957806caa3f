import { checkApiLog } from './api-log';

export default async function globalTeardown(): Promise<void> {
  const api = globalThis.__E2E_API__;
  if (api && api.exitCode === null) {
    const exited = new Promise((r) => api.once('exit', r));
    api.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
  checkApiLog();
}
