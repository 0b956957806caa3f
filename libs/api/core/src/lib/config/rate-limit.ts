import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AppConfig } from './app.config';

const AUTH_RATE_LIMIT = 'callshop:auth-rate-limit';

/**
 * Limits a route (login, registration) to `AUTH_RATE_LIMIT_PER_MINUTE` requests per client
 * and minute instead of `RATE_LIMIT_PER_MINUTE`.
 */
export const AuthRateLimit = () => SetMetadata(AUTH_RATE_LIMIT, true);

/**
 * The throttler options from the typed config: one counter per client, route and minute,
 * whose limit is the auth limit on routes marked with {@link AuthRateLimit}.
 */
export function rateLimits(
  app: Pick<AppConfig, 'rateLimitPerMinute' | 'authRateLimitPerMinute'>,
  reflector: Reflector,
): ThrottlerModuleOptions {
  const isAuthRoute = (context: ExecutionContext) =>
    reflector.getAllAndOverride<boolean | undefined>(AUTH_RATE_LIMIT, [
      context.getHandler(),
      context.getClass(),
    ]) === true;
  return {
    throttlers: [
      {
        name: 'default',
        ttl: 60_000,
        limit: (context) => (isAuthRoute(context) ? app.authRateLimitPerMinute : app.rateLimitPerMinute),
      },
    ],
  };
}
