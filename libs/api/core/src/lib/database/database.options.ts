import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { QueryLogger } from './query-logger';

/**
 * TypeORM options for a PostgreSQL URL. Schema changes come only from migrations, which run
 * at start-up (never `synchronize`).
 */
export function postgresOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: poolSize, connectionTimeoutMillis: 10_000 },
    // Failed queries and migrations, never a statement's parameters (see QueryLogger).
    logging: ['error', 'migration', 'warn'],
    logger: new QueryLogger(),
  };
}
