import { registerAs } from '@nestjs/config';
import { validatedEnv, type Env } from './env.validation';
import type { TrustProxy } from './trust-proxy';

export interface AppConfig {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  /** Where users reach the API when it differs from the host it is asked on (a proxy); null when unset. */
  publicUrl: string | null;
  corsOrigins: string[];
  logLevel: string;
  webDistDir: string;
  redisUrl: string | null;
  /** With several instances: how long `SIGTERM` reports unready before moving sockets away. */
  shutdownDrainMs: number;
  rateLimitPerMinute: number;
  authRateLimitPerMinute: number;
  /** Express `trust proxy`: whose `X-Forwarded-For` names the client (null: nobody's). */
  trustProxy: TrustProxy;
}

export const appConfig = registerAs('app', (): AppConfig => {
  const env = validatedEnv();
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl: env.PUBLIC_URL,
    corsOrigins: env.CORS_ORIGINS,
    logLevel: env.LOG_LEVEL,
    webDistDir: env.WEB_DIST_DIR,
    redisUrl: env.REDIS_URL,
    shutdownDrainMs: env.SHUTDOWN_DRAIN_MS,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    authRateLimitPerMinute: env.AUTH_RATE_LIMIT_PER_MINUTE,
    trustProxy: env.TRUST_PROXY,
  };
});
