import { registerAs } from '@nestjs/config';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string | null;
  corsOrigins: string[];
  logLevel: string;
  webDistDir: string;
  redisUrl: string | null;
  rateLimitPerMinute: number;
  authRateLimitPerMinute: number;
}

export const appConfig = registerAs('app', (): AppConfig => ({
  env: (process.env['NODE_ENV'] as AppConfig['env']) ?? 'development',
  port: Number(process.env['PORT'] ?? 3000),
  host: process.env['HOST'] ?? '0.0.0.0',
  publicUrl: process.env['PUBLIC_URL'] ?? null,
  corsOrigins: (process.env['CORS_ORIGINS'] ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean),
  logLevel: process.env['LOG_LEVEL'] ?? 'info',
  webDistDir: process.env['WEB_DIST_DIR'] ?? 'dist/apps',
  redisUrl: process.env['REDIS_URL'] || null,
  rateLimitPerMinute: Number(process.env['RATE_LIMIT_PER_MINUTE'] ?? 600),
  authRateLimitPerMinute: Number(process.env['AUTH_RATE_LIMIT_PER_MINUTE'] ?? 30),
}));
