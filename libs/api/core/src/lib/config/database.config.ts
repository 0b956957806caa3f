import { registerAs } from '@nestjs/config';

export interface DatabaseConfig {
  /** A PostgreSQL server; when null the API starts its embedded engine. */
  url: string | null;
  embeddedDir: string;
  embeddedPort: number;
  poolSize: number;
  seedDemoData: boolean;
}

export const databaseConfig = registerAs('database', (): DatabaseConfig => ({
  url: process.env['DATABASE_URL'] || null,
  embeddedDir: process.env['EMBEDDED_DB_DIR'] ?? '.data/postgres',
  embeddedPort: Number(process.env['EMBEDDED_DB_PORT'] ?? 54320),
  poolSize: Number(process.env['DATABASE_POOL_SIZE'] ?? 20),
  seedDemoData: !['false', '0', 'no'].includes(String(process.env['SEED_DEMO_DATA'] ?? 'true').toLowerCase()),
}));
