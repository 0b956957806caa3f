import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Jest loads global setup outside its module resolver, so the library is reached by path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  startEmbeddedPostgres,
  type EmbeddedServer,
} from '../../../../libs/api/core/src/lib/database/embedded-postgres';
import { withDatabase } from './test-database';

declare global {
  var __EMBEDDED_PG__: EmbeddedServer | undefined;
}

/**
 * Picks the PostgreSQL server the integration tests use: TEST_DATABASE_URL or DATABASE_URL
 * when set, otherwise an embedded server started for this run. Each test file then creates
 * its own database on it.
 */
export default async function globalSetup(): Promise<void> {
  const configured = process.env['TEST_DATABASE_URL'] || process.env['DATABASE_URL'];
  if (configured) {
    process.env['TEST_DATABASE_ADMIN_URL'] = withDatabase(configured, 'postgres');
    console.log(`\nAPI integration tests use the PostgreSQL server at ${new URL(configured).host}`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'callshop-test-pg-'));
    chmodSync(dir, 0o755); // the server may run as the `postgres` user
    const port = 55000 + Math.floor(Math.random() * 5000);
    globalThis.__EMBEDDED_PG__ = await startEmbeddedPostgres(join(dir, 'data'), port, { persistent: false });
    process.env['TEST_DATABASE_ADMIN_URL'] = globalThis.__EMBEDDED_PG__.adminUrl;
    console.log(`\nAPI integration tests use an embedded PostgreSQL server on port ${port}`);
  }
  // Test files boot the app many times; keep the login throttle out of their way (one test sets it back).
  process.env['AUTH_RATE_LIMIT_PER_MINUTE'] ??= '100000';
  process.env['RATE_LIMIT_PER_MINUTE'] ??= '100000';
  process.env['CUSTOMER_MAX_SOCKETS'] ??= '1000';
  process.env['CUSTOMER_CALLS_PER_MINUTE'] ??= '100000';
  process.env['SHOP_RINGS_PER_CUSTOMER_PER_MINUTE'] ??= '100000';
  process.env['LOG_LEVEL'] ??= 'silent';
  process.env['SEED_DEMO_DATA'] = 'false';
  delete process.env['DATABASE_URL'];
}
