import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { UserRole } from '@callshop/contracts';
import type { AuthUser } from './auth-user';
import { ROLES_KEY } from './decorators';

/** Requires a valid access token; 401 with a reason otherwise. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<T = AuthUser>(err: unknown, user: T | false, info: unknown): T {
    if (err || !user) {
      const name = (info as { name?: string } | undefined)?.name;
      const message =
        name === 'TokenExpiredError'
          ? 'Access token expired: log in again'
          : name === 'JsonWebTokenError'
            ? 'Access token is invalid'
            : 'Authentication required';
      throw new UnauthorizedException(message);
    }
    return user;
  }
}

/** Reads a token when one is sent, but lets anonymous requests through. A bad token is still 401. */
@Injectable()
export class OptionalJwtAuthGuard extends JwtAuthGuard {
  override canActivate(context: ExecutionContext) {
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    if (!req.headers['authorization']) return true;
    return super.canActivate(context);
  }
}

/** Enforces `@Roles(...)`; runs after `JwtAuthGuard`. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles?.length) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user) throw new UnauthorizedException('Authentication required');
    if (!roles.includes(user.role)) {
      throw new ForbiddenException(`Only ${roles.join(' or ')} accounts may do this`);
    }
    return true;
  }
}
