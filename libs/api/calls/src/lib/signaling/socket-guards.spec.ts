import { allowMessage, isOriginAllowed } from './socket-guards';

describe('origin check', () => {
  it('lets non-browser clients, the allow-list, the same origin and the public URL in', () => {
    expect(isOriginAllowed(undefined, 'api:3000', [], null)).toBe(true);
    expect(isOriginAllowed('http://shop.example', 'api:3000', ['http://shop.example'], null)).toBe(true);
    expect(isOriginAllowed('http://api:3000', 'api:3000', [], null)).toBe(true);
    expect(isOriginAllowed('https://callshop.example', 'internal:3000', [], 'https://callshop.example')).toBe(
      true,
    );
  });

  it('refuses other origins and garbage', () => {
    expect(
      isOriginAllowed('http://evil.example', 'api:3000', ['http://shop.example'], 'https://callshop.example'),
    ).toBe(false);
    expect(isOriginAllowed('not a url', 'api:3000', [], null)).toBe(false);
  });
});

describe('rate limit', () => {
  it('allows the limit per one-second window, then refuses until the next window', () => {
    const rate = { windowStart: 0, count: 0 };
    const results = Array.from({ length: 5 }, () => allowMessage(rate, 3, 100));
    expect(results).toEqual([true, true, true, false, false]);
    expect(allowMessage(rate, 3, 1100)).toBe(true);
  });
});
