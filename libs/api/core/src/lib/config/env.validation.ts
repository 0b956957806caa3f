import Joi from 'joi';

/** Placeholder secret used outside production; start-up refuses it when NODE_ENV=production. */
export const DEV_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

/**
 * Every environment variable the API reads, with its default. Start-up fails fast with a
 * message naming each bad value.
 */
export const envSchema = Joi.object({
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  PORT: Joi.number().port().default(3000),
  HOST: Joi.string().default('0.0.0.0'),
  PUBLIC_URL: Joi.string().uri().optional(),
  CORS_ORIGINS: Joi.string().allow('').default(''),
  LOG_LEVEL: Joi.string().valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent').default('info'),
  DATABASE_URL: Joi.string()
    .uri({ scheme: ['postgres', 'postgresql'] })
    .optional(),
  EMBEDDED_DB_DIR: Joi.string().default('.data/postgres'),
  EMBEDDED_DB_PORT: Joi.number().port().default(54320),
  DATABASE_POOL_SIZE: Joi.number().integer().min(1).max(200).default(20),
  SEED_DEMO_DATA: Joi.boolean().default(true),
  JWT_SECRET: Joi.string()
    .min(32)
    .when('NODE_ENV', {
      is: 'production',
      then: Joi.required().invalid(DEV_JWT_SECRET),
      otherwise: Joi.optional().default(DEV_JWT_SECRET),
    }),
  JWT_EXPIRES_IN: Joi.number()
    .integer()
    .min(5)
    .default(8 * 3600),
  WEB_DIST_DIR: Joi.string().default('dist/apps'),
  REDIS_URL: Joi.string()
    .uri({ scheme: ['redis', 'rediss'] })
    .optional(),
  CALL_RING_TIMEOUT_MS: Joi.number().integer().min(1000).max(600_000).default(45_000),
  CALL_RECONNECT_GRACE_MS: Joi.number().integer().min(500).max(600_000).default(20_000),
  STUN_URLS: Joi.string().allow('').default(''),
  TURN_URLS: Joi.string().allow('').default(''),
  TURN_SECRET: Joi.string().allow('').default(''),
  TURN_TTL_SECONDS: Joi.number().integer().min(60).max(86_400).default(3600),
  ICE_RELAY_ONLY: Joi.boolean().default(false),
  RATE_LIMIT_PER_MINUTE: Joi.number().integer().min(1).default(600),
  AUTH_RATE_LIMIT_PER_MINUTE: Joi.number().integer().min(1).default(30),
}).unknown(true);

/** Validates `env` against the schema; throws one error listing every problem. */
export function validateEnv(env: Record<string, unknown>): Record<string, unknown> {
  const { error, value } = envSchema.validate(env, { abortEarly: false, convert: true });
  if (error) {
    throw new Error(`Invalid configuration: ${error.details.map((d) => d.message).join('; ')}`);
  }
  return value;
}
