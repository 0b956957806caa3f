import { DEV_JWT_SECRET, validatedEnv, validateEnv } from './env.validation';

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

  it('converts lists, booleans and numbers, and reads an empty TURN secret as unset', () => {
    expect(
      validateEnv({
        CORS_ORIGINS: ' https://a.example, ,https://b.example ',
        STUN_URLS: '',
        ICE_RELAY_ONLY: 'TRUE',
        SEED_DEMO_DATA: 'false',
        TURN_SECRET: '',
        TURN_TTL_SECONDS: '600',
      }),
    ).toMatchObject({
      CORS_ORIGINS: ['https://a.example', 'https://b.example'],
      STUN_URLS: [],
      TURN_URLS: [],
      ICE_RELAY_ONLY: true,
      SEED_DEMO_DATA: false,
      TURN_SECRET: null,
      TURN_TTL_SECONDS: 600,
      DATABASE_URL: null,
      REDIS_URL: null,
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

describe('validatedEnv', () => {
  const saved = process.env['CALL_RING_TIMEOUT_MS'];
  afterEach(() => {
    if (saved === undefined) delete process.env['CALL_RING_TIMEOUT_MS'];
    else process.env['CALL_RING_TIMEOUT_MS'] = saved;
  });

  it('validates process.env once, and again after a variable of the schema changed', () => {
    process.env['CALL_RING_TIMEOUT_MS'] = '5000';
    const first = validatedEnv();
    expect(first.CALL_RING_TIMEOUT_MS).toBe(5000);
    expect(validatedEnv()).toBe(first);

    process.env['CALL_RING_TIMEOUT_MS'] = '7000';
    expect(validatedEnv().CALL_RING_TIMEOUT_MS).toBe(7000);

    process.env['CALL_RING_TIMEOUT_MS'] = 'soon';
    expect(() => validatedEnv()).toThrow(/CALL_RING_TIMEOUT_MS/);
  });
});
