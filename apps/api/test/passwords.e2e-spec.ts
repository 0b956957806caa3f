import { AuthService } from '@callshop/api/auth';
import { createTestEnvironment, TEST_PASSWORD, type TestEnvironment } from './support/test-environment';

/** New passwords (sign-up, staff accounts, a change) must not be common or weak. */
describe('password rule (real API, PostgreSQL)', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'passwords' });
  });
  afterAll(() => env.close());

  const passwordError = (body: { details?: { field: string; messages: string[] }[] }, field = 'password') =>
    body.details?.find((d) => d.field === field)?.messages.join(' ');

  it.each([
    ['password-123', /This password is too common/],
    ['demo-password', /This password is too common/],
    ['abcdefgh1', /This password is too weak.*: add another word or two/],
    ['zed.example.org', /contains your name or email/],
  ])('refuses to sign up with %s, naming the problem on the password field', async (password, message) => {
    const email = `zed-${Date.now()}@example.org`;
    const res = await env
      .http()
      .post('/api/v2/auth/register')
      .send({ role: 'customer', name: 'Zed', email, password })
      .expect(400);
    expect(passwordError(res.body)).toMatch(message);
    await env.http().post('/api/v2/auth/login').send({ email, password }).expect(401);
  });

  it('refuses a common password for a staff account', async () => {
    const owner = await env.registerSeller();
    const res = await env
      .http()
      .post('/api/v2/auth/staff')
      .set('Authorization', owner.auth)
      .send({ name: 'Helper', email: `helper-${Date.now()}@example.com`, password: 'letmein!' })
      .expect(400);
    expect(passwordError(res.body)).toMatch(/too common/);
  });

  it('changes a password only with the current one, and only to a strong one', async () => {
    const user = await env.registerCustomer();
    const change = (body: object) =>
      env.http().post('/api/v2/auth/password').set('Authorization', user.auth).send(body);
    const wrong = await change({ currentPassword: 'not-the-password', newPassword: 'orchid-lamp-tundra-9' });
    expect([wrong.status, passwordError(wrong.body, 'currentPassword')]).toEqual([
      400,
      expect.stringMatching(/not correct/),
    ]);
    const common = await change({ currentPassword: TEST_PASSWORD, newPassword: 'password-123' });
    expect([common.status, passwordError(common.body, 'newPassword')]).toEqual([
      400,
      expect.stringMatching(/too common/),
    ]);
    await env
      .http()
      .post('/api/v2/auth/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'x' })
      .expect(401);

    await change({ currentPassword: TEST_PASSWORD, newPassword: 'orchid-lamp-tundra-9' }).expect(204);
    const login = (password: string) =>
      env.http().post('/api/v2/auth/login').send({ email: user.user.email, password });
    await login(TEST_PASSWORD).expect(401);
    await login('orchid-lamp-tundra-9').expect(200);
  });

  it('still lets existing accounts log in with a password the rule would now refuse', async () => {
    // The demo data is seeded through the service, as an operator's existing accounts were.
    await env.app
      .get(AuthService)
      .register({ role: 'customer', name: 'Old', email: 'old@example.org', password: 'demo-password' });
    await env
      .http()
      .post('/api/v2/auth/login')
      .send({ email: 'old@example.org', password: 'demo-password' })
      .expect(200);
  });
});
