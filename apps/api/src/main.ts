import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { Logger } from 'nestjs-pino';
import { configureApp, type AppConfig, type DatabaseConfig } from '@callshop/api/core';
import { AppModule } from './app/app.module';
import { seedDemoData } from './demo/demo-data';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  if (process.argv.includes('--seed-only')) {
    const seeded = await seedDemoData(app);
    process.stdout.write(
      seeded ? 'Demo data seeded.\n' : 'The database already has accounts: nothing seeded.\n',
    );
    await app.close();
    return;
  }
  configureApp(app);
  const config = app.get(ConfigService);
  const { port, host, publicUrl } = config.getOrThrow<AppConfig>('app');
  if (config.getOrThrow<DatabaseConfig>('database').seedDemoData) await seedDemoData(app);
  await app.listen(port, host);
  const base = publicUrl ?? `http://localhost:${port}`;
  const logger = app.get(Logger);
  logger.log(`Storefront      ${base}/`);
  logger.log(`Seller console  ${base}/seller/`);
  logger.log(`API docs        ${base}/api/docs`);
  // Printed plainly too, so the URLs are visible whatever the log format.
  process.stdout.write(
    `\n  Callshop is running:\n    Storefront      ${base}/\n    Seller console  ${base}/seller/\n    API docs        ${base}/api/docs\n\n`,
  );
}

bootstrap().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
