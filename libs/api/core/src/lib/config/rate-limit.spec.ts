import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerOptions } from '@nestjs/throttler';
import { AuthRateLimit, rateLimits } from './rate-limit';

class LoginController {
  @AuthRateLimit()
  login(): void {
    return undefined;
  }

  profile(): void {
    return undefined;
  }
}

const contextFor = (handler: keyof LoginController) =>
  ({
    getHandler: () => LoginController.prototype[handler],
    getClass: () => LoginController,
  }) as unknown as ExecutionContext;

describe('rateLimits', () => {
  const options = rateLimits({ rateLimitPerMinute: 600, authRateLimitPerMinute: 30 }, new Reflector());
  const [throttler] = (options as { throttlers: ThrottlerOptions[] }).throttlers;
  const limit = throttler.limit as (context: ExecutionContext) => number;

  it('limits login and registration with the auth limit, every other route with the general one', () => {
    expect(throttler).toMatchObject({ name: 'default', ttl: 60_000 });
    expect(limit(contextFor('login'))).toBe(30);
    expect(limit(contextFor('profile'))).toBe(600);
  });
});
