import { registerAs } from '@nestjs/config';
import { validatedEnv } from './env.validation';

export interface DatabaseConfig {
  /** A PostgreSQL server; when null the API starts its embedded engine. */
  url: string | null;
  embeddedDir: string;
  embeddedPort: number;
  poolSize: number;
  seedDemoData: boolean;
}

export const databaseConfig = registerAs('database', (): DatabaseConfig => {
  const env = validatedEnv();
  return {
    url: env.DATABASE_URL,
    embeddedDir: env.EMBEDDED_DB_DIR,
    embeddedPort: env.EMBEDDED_DB_PORT,
    poolSize: env.DATABASE_POOL_SIZE,
    seedDemoData: env.SEED_DEMO_DATA,
  };
});
