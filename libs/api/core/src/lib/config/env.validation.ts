import Joi from 'joi';
import { parseTrustProxy, type TrustProxy } from './trust-proxy';

/** Placeholder secret used outside production; start-up refuses it when NODE_ENV=production. */
export const DEV_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The environment after validation: every default filled in and every value converted
 * (numbers, booleans, comma-separated lists). `null` means the variable is unset and has no default.
 */
export interface Env {
  NODE_ENV: 'development' | 'production' | 'test';
  PORT: number;
  HOST: string;
  PUBLIC_URL: string | null;
  CORS_ORIGINS: string[];
  LOG_LEVEL: (typeof LOG_LEVELS)[number];
  DATABASE_URL: string | null;
  EMBEDDED_DB_DIR: string;
  EMBEDDED_DB_PORT: number;
  DATABASE_POOL_SIZE: number;
  SEED_DEMO_DATA: boolean;
  JWT_SECRET: string;
  JWT_EXPIRES_IN: number;
  WEB_DIST_DIR: string;
  REDIS_URL: string | null;
  SHUTDOWN_DRAIN_MS: number;
  CALL_RING_TIMEOUT_MS: number;
  CALL_RECONNECT_GRACE_MS: number;
  CALL_MEDIA_TIMEOUT_MS: number;
  STUN_URLS: string[];
  TURN_URLS: string[];
  TURN_SECRET: string | null;
  TURN_TTL_SECONDS: number;
  ICE_RELAY_ONLY: boolean;
  RATE_LIMIT_PER_MINUTE: number;
  AUTH_RATE_LIMIT_PER_MINUTE: number;
  TRUST_PROXY: TrustProxy;
  CUSTOMER_MAX_SOCKETS: number;
  CUSTOMER_CALLS_PER_MINUTE: number;
  SHOP_RINGS_PER_CUSTOMER_PER_MINUTE: number;
  METRICS_TOKEN: string | null;
  WEBHOOK_ALLOW_PRIVATE_TARGETS: boolean;
  WEBHOOK_TIMEOUT_MS: number;
  WEBHOOK_RETRY_DELAY_SECONDS: number;
  SMTP_URL: string | null;
  SMTP_FROM: string | null;
}

/** Joi with a `list` type: a comma-separated string becomes its trimmed, non-empty items. */
const joi = Joi.extend((j: Joi.Root) => ({
  type: 'list',
  base: j.array().items(j.string()),
  coerce: {
    from: 'string',
    method: (value: string) => ({
      value: value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    }),
  },
})) as Joi.Root & { list(): Joi.ArraySchema<string[]> };

/** A comma-separated list, empty by default. */
const list = () => joi.list().default([]);

/**
 * Every environment variable the API reads: the one place for its default and its conversion.
 * The README's Configuration table is checked against it (`readme-config.spec.ts`).
 */
export const envSchema = Joi.object<Env, true>({
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  PORT: Joi.number().port().default(3000),
  HOST: Joi.string().default('0.0.0.0'),
  PUBLIC_URL: Joi.string().uri().default(null),
  CORS_ORIGINS: list(),
  LOG_LEVEL: Joi.string()
    .valid(...LOG_LEVELS)
    .default('info'),
  DATABASE_URL: Joi.string()
    .uri({ scheme: ['postgres', 'postgresql'] })
    .default(null),
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
    .default(null),
  SHUTDOWN_DRAIN_MS: Joi.number().integer().min(0).max(120_000).default(3000),
  CALL_RING_TIMEOUT_MS: Joi.number().integer().min(1000).max(600_000).default(45_000),
  CALL_RECONNECT_GRACE_MS: Joi.number().integer().min(500).max(600_000).default(20_000),
  CALL_MEDIA_TIMEOUT_MS: Joi.number().integer().min(2000).max(600_000).default(20_000),
  STUN_URLS: list(),
  TURN_URLS: list(),
  // Set but empty counts as unset: no TURN credentials.
  TURN_SECRET: Joi.string().empty('').default(null),
  TURN_TTL_SECONDS: Joi.number().integer().min(60).max(86_400).default(3600),
  ICE_RELAY_ONLY: Joi.boolean().default(false),
  RATE_LIMIT_PER_MINUTE: Joi.number().integer().min(1).default(600),
  AUTH_RATE_LIMIT_PER_MINUTE: Joi.number().integer().min(1).default(30),
  TRUST_PROXY: Joi.alternatives()
    .try(
      Joi.string()
        .allow('')
        .custom((value: string) => parseTrustProxy(value)),
    )
    .default(null),
  CUSTOMER_MAX_SOCKETS: Joi.number().integer().min(1).max(1000).default(5),
  CUSTOMER_CALLS_PER_MINUTE: Joi.number().integer().min(1).default(10),
  SHOP_RINGS_PER_CUSTOMER_PER_MINUTE: Joi.number().integer().min(1).default(3),
  // Set but empty counts as unset: /metrics is off.
  METRICS_TOKEN: Joi.string().empty('').min(16).default(null),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: Joi.boolean().default(false),
  WEBHOOK_TIMEOUT_MS: Joi.number().integer().min(500).max(60_000).default(10_000),
  WEBHOOK_RETRY_DELAY_SECONDS: Joi.number().integer().min(1).max(3600).default(30),
  // Set but empty counts as unset: no email is sent.
  SMTP_URL: Joi.string()
    .empty('')
    .uri({ scheme: ['smtp', 'smtps'] })
    .default(null),
  SMTP_FROM: Joi.string().empty('').default(null),
}).unknown(true);

/** The names of the variables in {@link envSchema}. */
export const ENV_KEYS = Object.keys(envSchema.describe().keys ?? {}) as (keyof Env)[];

/**
 * Validates `env` against the schema and returns it with defaults filled in and values
 * converted; throws one error naming every bad value.
 */
export function validateEnv(env: Record<string, unknown>): Env {
  const { error, value } = envSchema.validate(env, { abortEarly: false, convert: true });
  if (error) {
    throw new Error(`Invalid configuration: ${error.details.map((d) => d.message).join('; ')}`);
  }
  return value;
}

let cached: { raw: string; env: Env } | null = null;

/**
 * `process.env` validated by {@link validateEnv}: what the `registerAs` factories build the
 * typed config from. The result is reused while the schema's variables keep their values, and
 * validated again when one changes (integration tests boot several servers with different
 * settings in one process).
 */
export function validatedEnv(): Env {
  const values = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  const raw = JSON.stringify(values);
  if (cached?.raw !== raw) {
    cached = { raw, env: validateEnv(values) };
  }
  return cached.env;
}
