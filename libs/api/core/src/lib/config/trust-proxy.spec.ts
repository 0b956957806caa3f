import { validateEnv } from './env.validation';
import { parseTrustProxy } from './trust-proxy';

describe('TRUST_PROXY', () => {
  it('trusts nobody when unset, empty, false or 0', () => {
    expect(validateEnv({})['TRUST_PROXY']).toBeNull();
    for (const value of ['', 'false', '0']) expect(parseTrustProxy(value)).toBeNull();
  });

  it('reads a hop count, or addresses, ranges and names', () => {
    expect(parseTrustProxy('2')).toBe(2);
    expect(
      validateEnv({ TRUST_PROXY: ' 10.0.0.0/8, 203.0.113.7 ,loopback,::1,fd00::/8' })['TRUST_PROXY'],
    ).toEqual(['10.0.0.0/8', '203.0.113.7', 'loopback', '::1', 'fd00::/8']);
  });

  it('refuses true, which would let every client pick its address, and names bad entries', () => {
    expect(() => validateEnv({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY.*would trust any client/);
    expect(() => parseTrustProxy('10.0.0.0/33, proxy.local')).toThrow(
      /10\.0\.0\.0\/33, proxy\.local: not an IP/,
    );
    expect(() => parseTrustProxy('11')).toThrow(/at most 10/);
  });
});
