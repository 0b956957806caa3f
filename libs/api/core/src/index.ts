export * from './lib/config';
export * from './lib/database';
export * from './lib/errors';
export * from './lib/http';
export * from './lib/core.module';
export * from './lib/configure-app';
export * from './lib/realtime';
export * from './lib/health/instance-drain.service';
