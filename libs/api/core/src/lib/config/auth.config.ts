import { registerAs } from '@nestjs/config';
import { DEV_JWT_SECRET } from './env.validation';

export interface AuthConfig {
  jwtSecret: string;
  /** Access token lifetime in seconds. */
  jwtExpiresIn: number;
}

export const authConfig = registerAs('auth', (): AuthConfig => ({
  jwtSecret: process.env['JWT_SECRET'] || DEV_JWT_SECRET,
  jwtExpiresIn: Number(process.env['JWT_EXPIRES_IN'] ?? 8 * 3600),
}));
