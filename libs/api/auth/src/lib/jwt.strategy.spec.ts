import { bearerToken } from './jwt.strategy';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

describe('bearerToken', () => {
  it('reads exactly "Bearer <token>"', () => {
    expect(bearerToken({ headers: { authorization: `Bearer ${TOKEN}` } })).toBe(TOKEN);
  });

  it.each([
    `Bearer ${TOKEN} junk`,
    `Bearer ${TOKEN} ${TOKEN}`,
    `Bearer  ${TOKEN}`,
    `bearer ${TOKEN}`,
    `Basic ${TOKEN}`,
    `Bearer ${TOKEN}\u0000`,
    `Bearer ${TOKEN}.extra`,
    'Bearer',
    '',
  ])('carries no token in %j', (authorization) => {
    expect(bearerToken({ headers: { authorization } })).toBeNull();
  });

  it('carries no token without the header', () => {
    expect(bearerToken({ headers: {} })).toBeNull();
  });
});
