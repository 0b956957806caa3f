import { Global, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig } from '../config/database.config';
import { postgresOptions } from './database.options';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres';

let embedded: Promise<EmbeddedServer> | null = null;

async function resolveDatabaseUrl(config: ConfigType<typeof databaseConfig>): Promise<string> {
  if (config.url) return config.url;
  embedded ??= startEmbeddedPostgres(config.embeddedDir, config.embeddedPort);
  const server = await embedded;
  const { Client } = await import('pg');
  const admin = new Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'callshop'`);
    if (exists.rowCount === 0) await admin.query('CREATE DATABASE callshop');
  } finally {
    await admin.end();
  }
  new Logger('Database').log(`Using the embedded PostgreSQL server in ${config.embeddedDir}`);
  return server.urlFor('callshop');
}

class EmbeddedShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    if (!embedded) return;
    const server = await embedded;
    embedded = null;
    await server.stop();
  }
}

/**
 * Connects TypeORM to `DATABASE_URL`, or to an embedded PostgreSQL server started on demand,
 * and runs pending migrations.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: async (config: ConfigType<typeof databaseConfig>) => ({
        ...postgresOptions(await resolveDatabaseUrl(config), config.poolSize),
        autoLoadEntities: true,
      }),
    }),
  ],
  providers: [EmbeddedShutdown],
})
export class DatabaseModule {}
