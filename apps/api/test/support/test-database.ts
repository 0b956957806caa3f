import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Connection string of a maintenance database on the test server (set by the global setup). */
export function adminUrl(): string {
  const url = process.env['TEST_DATABASE_ADMIN_URL'];
  if (!url) throw new Error('TEST_DATABASE_ADMIN_URL is not set: run the tests through their Jest config');
  return url;
}

/** Replaces the database name in a connection string. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates an empty database for one test file and returns its URL and a drop function. */
export async function createTestDatabase(
  label = 'test',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${label
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(adminUrl(), name),
    drop: () => dropDatabase(withDatabase(adminUrl(), name)),
  };
}

/** Drops the database a connection string names. */
export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const c = new Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}
