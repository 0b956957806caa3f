import {
  createTestEnvironment,
  TEST_PASSWORD,
  type TestEnvironment,
  type TestUser,
} from './support/test-environment';

const NUL = '\u0000';

/**
 * Input a hostile client sends: each gets a 4xx naming the problem, never a 500, and changes
 * nothing; the server keeps serving.
 */
describe('hostile input (real API, PostgreSQL)', () => {
  let env: TestEnvironment;
  let seller: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'hostile_input' });
    seller = await env.registerSeller();
    customer = await env.registerCustomer();
  });
  afterAll(() => env.close());

  it('refuses a NUL character in any body field, query or path, naming the field', async () => {
    const cases = [
      env
        .http()
        .post('/api/v2/auth/register')
        .send({
          role: 'customer',
          name: `Eve${NUL}`,
          email: 'eve-nul@test.example',
          password: TEST_PASSWORD,
        }),
      env
        .http()
        .post('/api/v2/products')
        .set('Authorization', seller.auth)
        .send({ name: 'Lamp', description: `bright${NUL}`, price: 100, stock: 1 }),
      env.http().get(`/api/v2/products?search=${encodeURIComponent(`lamp${NUL}`)}`),
      env.http().get(`/api/v2/products/${encodeURIComponent(`x${NUL}`)}`),
      env
        .http()
        .post('/api/v2/callbacks')
        .set('Authorization', customer.auth)
        .send({ sellerId: seller.user.shopId, note: `call me${NUL}`, preference: 'video' }),
    ];
    for (const res of await Promise.all(cases)) {
      expect([res.status, res.body.message]).toEqual([400, expect.stringMatching(/must not contain NUL/)]);
    }
    const products = await env.http().get('/api/v2/products').expect(200);
    expect(products.body.total).toBe(0);
  });

  it('refuses dates that do not exist in the calls filter', async () => {
    for (const q of ['from=2026-02-30', 'to=2026-13-01T00:00:00Z', 'from=2026-02-29T10:00:00Z']) {
      const res = await env.http().get(`/api/v2/calls?${q}`).set('Authorization', customer.auth);
      expect([q, res.status]).toEqual([q, 400]);
      expect(res.body.message).toMatch(/must be a real date and time/);
    }
    await env
      .http()
      .get('/api/v2/calls?from=2028-02-29T10:00:00Z')
      .set('Authorization', customer.auth)
      .expect(200);
  });

  it('refuses __proto__ and constructor keys like any unknown field', async () => {
    for (const key of ['__proto__', 'constructor']) {
      const res = await env
        .http()
        .post('/api/v2/products')
        .set('Authorization', seller.auth)
        .set('Content-Type', 'application/json')
        .send(`{"name":"Lamp","description":"d","price":100,"stock":1,"${key}":{"admin":true}}`);
      expect([key, res.status]).toEqual([key, 400]);
      expect(res.body.message).toContain(`Unknown field ${key}`);
    }
  });
});
