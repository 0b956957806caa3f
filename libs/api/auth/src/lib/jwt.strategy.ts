import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-jwt';
import type { JwtClaims } from '@callshop/contracts';
import { authConfig } from '@callshop/api/core';
import type { AuthUser } from './auth-user';
import { jwtKey } from './jwt-key';

/** A compact JWS: three base64url parts. */
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * The token of an `Authorization: Bearer <token>` header, and nothing else: a header with
 * anything before or after the token (a second token, junk) carries none.
 */
export function bearerToken(req: Pick<Request, 'headers'>): string | null {
  const header = req.headers['authorization'];
  return typeof header === 'string' ? (BEARER.exec(header)?.[1] ?? null) : null;
}

/** Accepts `Authorization: Bearer <token>` signed with our secret and not expired. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(authConfig.KEY) config: ConfigType<typeof authConfig>) {
    super({
      jwtFromRequest: bearerToken,
      // A KeyObject, which passport-jwt hands to jsonwebtoken as is (its types say string | Buffer).
      secretOrKey: jwtKey(config.jwtSecret) as unknown as Buffer,
      ignoreExpiration: false,
      algorithms: ['HS256'],
    });
  }

  validate(claims: JwtClaims): AuthUser {
    return {
      id: claims.sub,
      role: claims.role,
      name: claims.name,
      ...(claims.shopId ? { shopId: claims.shopId } : {}),
    };
  }
}
