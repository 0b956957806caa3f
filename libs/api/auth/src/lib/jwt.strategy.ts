import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { JwtClaims } from '@callshop/contracts';
import { authConfig } from '@callshop/api/core';
import type { AuthUser } from './auth-user';
import { jwtKey } from './jwt-key';

/** Accepts `Authorization: Bearer <token>` signed with our secret and not expired. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(authConfig.KEY) config: ConfigType<typeof authConfig>) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
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
