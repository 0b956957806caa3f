export * from './env.validation';
export * from './app.config';
export * from './auth.config';
export * from './database.config';
export * from './calls.config';
export * from './integrations.config';
export * from './rate-limit';
export * from './trust-proxy';
