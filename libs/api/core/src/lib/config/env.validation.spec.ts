import { DEV_JWT_SECRET, validateEnv } from './env.validation';

describe('validateEnv', () => {
  it('fills in defaults for a bare development environment', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      NODE_ENV: 'development',
      JWT_SECRET: DEV_JWT_SECRET,
      CALL_RING_TIMEOUT_MS: 45_000,
    });
  });

  it('refuses to start in production without a real JWT secret', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET })).toThrow(/JWT_SECRET/);
    expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(validateEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })['JWT_SECRET']).toBe(
      'x'.repeat(40),
    );
  });

  it('names every bad value at once', () => {
    expect(() =>
      validateEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CALL_RING_TIMEOUT_MS: '5' }),
    ).toThrow(/PORT.*DATABASE_URL.*CALL_RING_TIMEOUT_MS/);
  });
});
