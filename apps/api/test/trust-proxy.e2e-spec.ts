import { createTestEnvironment, type TestEnvironment } from './support/test-environment';

/** Requests `GET /products` with these X-Forwarded-For values, in order; returns the statuses. */
async function statuses(env: TestEnvironment, forwardedFor: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const address of forwardedFor) {
    out.push((await env.http().get('/api/v2/products').set('X-Forwarded-For', address)).status);
  }
  return out;
}

const spoofed = ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'];

/** The per-IP limit (RATE_LIMIT_PER_MINUTE) behind a proxy, or with a client that claims to be one. */
describe('TRUST_PROXY: whose X-Forwarded-For names the client for per-IP limits', () => {
  let env: TestEnvironment | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    // The tests reach the API from 127.0.0.1, which is not the trusted proxy.
    env = await createTestEnvironment({
      label: 'trust_proxy_other',
      env: { TRUST_PROXY: '10.0.0.1', RATE_LIMIT_PER_MINUTE: '3' },
    });
    const res = await env.http().get('/api/v2/products').set('X-Forwarded-For', '198.51.100.9');
    expect(res.status).toBe(200);
    // Every request counts against 127.0.0.1, whatever address it claims.
    expect(await statuses(env, spoofed.slice(0, 3))).toEqual([200, 200, 429]);
    const refused = await env.http().get('/api/v2/products').set('X-Forwarded-For', '203.0.113.50');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
  });

  it('counts each forwarded client on its own behind a trusted proxy', async () => {
    env = await createTestEnvironment({
      label: 'trust_proxy_loopback',
      env: { TRUST_PROXY: 'loopback', RATE_LIMIT_PER_MINUTE: '3' },
    });
    // Four clients behind the proxy, one request each: none is over the limit.
    expect(await statuses(env, spoofed)).toEqual([200, 200, 200, 200]);
    // One of them goes on: its fourth request in the minute is refused, the others are not.
    expect(await statuses(env, [spoofed[0], spoofed[0], spoofed[0], spoofed[1]])).toEqual([
      200, 200, 429, 200,
    ]);
  });
});
