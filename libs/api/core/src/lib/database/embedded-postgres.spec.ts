import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('keeps its data across a restart, and recovers from a server left running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callshop-embedded-'));
    chmodSync(dir, 0o755);
    const dataDir = join(dir, 'pg');
    const port = 56000 + Math.floor(Math.random() * 2000);

    const first = await startEmbeddedPostgres(dataDir, port);
    await query(first.adminUrl, 'CREATE TABLE notes (body text)');
    await query(first.adminUrl, "INSERT INTO notes VALUES ('kept')");
    await first.stop();

    const second = await startEmbeddedPostgres(dataDir, port);
    expect(await query<{ body: string }>(second.adminUrl, 'SELECT body FROM notes')).toEqual([
      { body: 'kept' },
    ]);
    // Not stopped: the next start finds it running (as after a crash) and takes over.

    const third = await startEmbeddedPostgres(dataDir, port);
    expect(await query<{ body: string }>(third.adminUrl, 'SELECT count(*)::int AS n FROM notes')).toEqual([
      { n: 1 },
    ]);
    await third.stop();
  }, 60_000);
});
