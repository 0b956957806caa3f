import { registerAs } from '@nestjs/config';
import { validatedEnv } from './env.validation';

export interface AuthConfig {
  jwtSecret: string;
  /** Access token lifetime in seconds. */
  jwtExpiresIn: number;
}

export const authConfig = registerAs('auth', (): AuthConfig => {
  const env = validatedEnv();
  return {
    jwtSecret: env.JWT_SECRET,
    jwtExpiresIn: env.JWT_EXPIRES_IN,
  };
});
