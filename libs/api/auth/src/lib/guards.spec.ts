import { ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RolesGuard } from './guards';

function context(user: unknown): ExecutionContext {
  return {
    getHandler: () => () => undefined,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
  } as unknown as ExecutionContext;
}

describe('RolesGuard', () => {
  const reflector = new Reflector();
  const guard = new RolesGuard(reflector);

  it('lets any authenticated user through when the route names no role', () => {
    jest.spyOn(reflector, 'getAllAndOverride').mockReturnValue(undefined);
    expect(guard.canActivate(context({ id: '1', role: 'customer' }))).toBe(true);
  });

  it('refuses a user of another role with 403 and a missing user with 401', () => {
    jest.spyOn(reflector, 'getAllAndOverride').mockReturnValue(['seller']);
    expect(() => guard.canActivate(context({ id: '1', role: 'customer' }))).toThrow(ForbiddenException);
    expect(() => guard.canActivate(context(undefined))).toThrow(UnauthorizedException);
    expect(guard.canActivate(context({ id: '2', role: 'seller', shopId: 's' }))).toBe(true);
  });
});
