import { JwtService } from '@nestjs/jwt';
import { DEV_JWT_SECRET } from '@callshop/api/core';
import { createTestEnvironment, TEST_PASSWORD, type TestEnvironment } from './support/test-environment';

describe('auth (real API, real PostgreSQL)', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'auth' });
  });
  afterAll(() => env.close());

  it('registers a customer and returns a token that /auth/me accepts', async () => {
    const res = await env
      .http()
      .post('/api/v2/auth/register')
      .send({ role: 'customer', name: 'Ada', email: 'Ada@Example.com', password: TEST_PASSWORD })
      .expect(201);
    expect(res.body.user).toMatchObject({ role: 'customer', name: 'Ada', email: 'ada@example.com' });
    expect(res.body.user.shopId).toBeUndefined();
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const me = await env
      .http()
      .get('/api/v2/auth/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body.id).toBe(res.body.user.id);
  });

  it('registers a seller together with the shop, whose phone number is the one given', async () => {
    const res = await env
      .http()
      .post('/api/v2/auth/register')
      .send({
        role: 'seller',
        name: 'Sid',
        email: 'sid@example.com',
        password: TEST_PASSWORD,
        shopName: 'Sid Sounds',
        phoneNumber: '+44 20 7946 0000',
      })
      .expect(201);
    expect(res.body.user).toMatchObject({ role: 'seller', staffRole: 'owner' });
    const shop = await env
      .http()
      .get(`/api/v2/shops/${res.body.user.shopId}`)
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(shop.body).toMatchObject({
      name: 'Sid Sounds',
      phoneNumber: '+44 20 7946 0000',
      isPlatform: false,
    });
  });

  it('refuses a seller without a shop name, naming the field', async () => {
    const res = await env
      .http()
      .post('/api/v2/auth/register')
      .send({ role: 'seller', name: 'No Shop', email: 'noshop@example.com', password: TEST_PASSWORD })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('shopName');
    await env
      .http()
      .post('/api/v2/auth/login')
      .send({ email: 'noshop@example.com', password: TEST_PASSWORD })
      .expect(401);
  });

  it.each([
    [{ role: 'admin', name: 'X', email: 'x1@example.com', password: TEST_PASSWORD }, 'role'],
    [{ role: 'customer', name: 'X', email: 'not-an-email', password: TEST_PASSWORD }, 'email'],
    [{ role: 'customer', name: 'X', email: 'x2@example.com', password: 'short' }, 'password'],
    [{ role: 'customer', name: '', email: 'x3@example.com', password: TEST_PASSWORD }, 'name'],
    [
      {
        role: 'customer',
        name: 'X',
        email: 'x4@example.com',
        password: TEST_PASSWORD,
        phoneNumber: 'call me',
      },
      'phoneNumber',
    ],
    [
      { role: 'customer', name: 'X', email: 'x5@example.com', password: TEST_PASSWORD, isAdmin: true },
      'isAdmin',
    ],
    [{ role: 'customer', name: 42, email: 'x6@example.com', password: TEST_PASSWORD }, 'name'],
  ])('answers 400 naming the bad field for %j', async (body, field) => {
    const res = await env.http().post('/api/v2/auth/register').send(body).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('answers 400, not 500, for a malformed JSON body', async () => {
    const res = await env
      .http()
      .post('/api/v2/auth/register')
      .set('Content-Type', 'application/json')
      .send('{"role": "customer", ')
      .expect(400);
    expect(res.body.message).toMatch(/JSON/);
  });

  it('refuses a duplicate email with 409, whatever its case', async () => {
    const user = await env.registerCustomer();
    const res = await env
      .http()
      .post('/api/v2/auth/register')
      .send({
        role: 'customer',
        name: 'Twin',
        email: user.user.email.toUpperCase(),
        password: TEST_PASSWORD,
      })
      .expect(409);
    expect(res.body.message).toMatch(/already exists/);
  });

  it('logs in with the right password and refuses a wrong one or an unknown email with the same 401', async () => {
    const user = await env.registerCustomer();
    const ok = await env
      .http()
      .post('/api/v2/auth/login')
      .send({ email: user.user.email, password: user.password })
      .expect(200);
    expect(ok.body.user.id).toBe(user.user.id);
    const wrong = await env
      .http()
      .post('/api/v2/auth/login')
      .send({ email: user.user.email, password: 'wrong-password' })
      .expect(401);
    const unknown = await env
      .http()
      .post('/api/v2/auth/login')
      .send({ email: 'nobody@example.com', password: 'wrong-password' })
      .expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('refuses a missing, forged or expired token', async () => {
    const user = await env.registerCustomer();
    const missing = await env.http().get('/api/v2/auth/me').expect(401);
    expect(missing.body.message).toMatch(/authentication required/i);
    const forged = new JwtService({ secret: 'another-secret-another-secret-another' }).sign({
      sub: user.user.id,
      role: 'customer',
      name: 'x',
    });
    await env.http().get('/api/v2/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
    const expired = new JwtService({ secret: DEV_JWT_SECRET }).sign({
      sub: user.user.id,
      role: 'customer',
      name: 'x',
      exp: Math.floor(Date.now() / 1000) - 10,
    });
    const res = await env.http().get('/api/v2/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
    expect(res.body.message).toMatch(/expired/i);
    // A valid token with anything after it is not a token.
    await env.http().get('/api/v2/auth/me').set('Authorization', user.auth).expect(200);
    for (const header of [`${user.auth} junk`, `${user.auth} ${user.accessToken}`, `${user.auth}x.y`]) {
      await env.http().get('/api/v2/auth/me').set('Authorization', header).expect(401);
    }
  });

  it('lets a shop owner add staff, who then belong to the shop; staff and customers cannot add staff', async () => {
    const owner = await env.registerSeller();
    const staff = await env
      .http()
      .post('/api/v2/auth/staff')
      .set('Authorization', owner.auth)
      .send({ name: 'Helper', email: `helper-${Date.now()}@example.com`, password: TEST_PASSWORD })
      .expect(201);
    expect(staff.body).toMatchObject({ role: 'seller', shopId: owner.user.shopId, staffRole: 'staff' });
    const login = await env
      .http()
      .post('/api/v2/auth/login')
      .send({ email: staff.body.email, password: TEST_PASSWORD })
      .expect(200);
    await env
      .http()
      .post('/api/v2/auth/staff')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .send({ name: 'Another', email: `another-${Date.now()}@example.com`, password: TEST_PASSWORD })
      .expect(403);
    const customer = await env.registerCustomer();
    await env
      .http()
      .post('/api/v2/auth/staff')
      .set('Authorization', customer.auth)
      .send({ name: 'Another', email: `another2-${Date.now()}@example.com`, password: TEST_PASSWORD })
      .expect(403);
    const list = await env.http().get('/api/v2/auth/staff').set('Authorization', owner.auth).expect(200);
    expect(list.body.map((u: { id: string }) => u.id)).toEqual([owner.user.id, staff.body.id]);
  });
});
