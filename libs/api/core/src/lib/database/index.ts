export * from './base.entity';
export * from './embedded-postgres';
export * from './database.options';
export * from './database.module';
export * from './migrations';
export * from './batch-queue';
