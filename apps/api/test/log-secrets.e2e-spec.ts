import { DataSource } from 'typeorm';
import type { CallDto } from '@callshop/contracts';
import { captureLogOutput } from './support/log-capture';
import { createTestEnvironment, TEST_PASSWORD, type TestEnvironment } from './support/test-environment';
import { connectCalls, createShop, customerCalls, type CallClient } from './support/call-clients';

/** Values that appear nowhere else, so any occurrence in the log is a leak. */
const SDP_MARK = 'o=- 4611731400430051336 2 IN IP4 198.51.100.77';
const SDP = `v=0\r\n${SDP_MARK}\r\ns=-\r\nt=0 0\r\n`;
const CANDIDATE = 'candidate:842163049 1 udp 1677729535 203.0.113.199 61234 typ srflx';
const CUSTOMER_PHONE = '+1 555 013 4242';
const CALLBACK_PHONE = '+44 20 7946 0999';
const NEW_PASSWORD = 'quartz-meadow-lantern-51';

/**
 * Runs the API at LOG_LEVEL=debug through a realistic flow (sign-up, logins right and wrong,
 * a password change, a call with SDP and candidates relayed, a callback with a phone number,
 * refused and failing requests, failing queries) and checks that no line of its log holds a
 * secret of that run: passwords, argon2 hashes, access tokens, phone numbers, emails, SDP or
 * ICE candidates.
 */
describe('no secret in the log (real API at debug level, PostgreSQL, Socket.io)', () => {
  let env: TestEnvironment;
  const capture = captureLogOutput();
  const clients: CallClient[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'log_secrets', env: { LOG_LEVEL: 'debug' } });
  });
  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    await env.close();
    capture.restore();
  });

  it('logs requests and failures, and none of the secrets they carried', async () => {
    const shop = await createShop(env, 'Quiet lamp');
    const customer = await env.registerCustomer({ phoneNumber: CUSTOMER_PHONE });
    const http = env.http;
    await http()
      .post('/api/v2/auth/login')
      .send({ email: customer.user.email, password: TEST_PASSWORD })
      .expect(200);
    await http()
      .post('/api/v2/auth/login')
      .send({ email: customer.user.email, password: 'wrong-horse-battery' })
      .expect(401);
    await http()
      .post('/api/v2/auth/register')
      .send({ role: 'customer', name: 'Weak', email: 'weak-secret@example.org', password: 'password-123' })
      .expect(400);
    await http()
      .post('/api/v2/auth/password')
      .set('Authorization', customer.auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })
      .expect(204);
    await http().get('/api/v2/auth/me').set('Authorization', `${customer.auth} junk`).expect(401);
    await http()
      .post('/api/v2/callbacks')
      .set('Authorization', customer.auth)
      .send({ sellerId: shop.shopId, note: 'After six', phoneNumber: CALLBACK_PHONE })
      .expect(201);

    // A call, answered, with negotiation relayed both ways, then hung up.
    const seller = await connectCalls(env, shop.owner);
    const phone = await connectCalls(env, customer);
    clients.push(seller, phone);
    const call = await customerCalls(env, customer, shop, phone);
    await seller.next<{ call: CallDto }>('call:incoming');
    await seller.request('call:accept', { callId: call.id });
    const signal = (kind: 'offer' | 'answer') => ({
      callId: call.id,
      signal: { kind: 'description', description: { type: kind, sdp: SDP } },
    });
    expect(await phone.request('call:signal', signal('offer'))).toEqual({ ok: true });
    expect(await seller.request('call:signal', signal('answer'))).toEqual({ ok: true });
    const candidate = {
      callId: call.id,
      signal: { kind: 'candidate', candidate: { candidate: CANDIDATE, sdpMid: '0', sdpMLineIndex: 0 } },
    };
    expect(await phone.request('call:signal', candidate)).toEqual({ ok: true });
    // Refused signaling (not bound, bad payload) is logged no more than accepted signaling.
    await seller.request('call:signal', {
      callId: call.id,
      signal: { kind: 'description', description: { type: 'nope', sdp: SDP } },
    });
    await http().post(`/api/v2/calls/${call.id}/hangup`).set('Authorization', customer.auth).expect(200);

    // Failing statements whose parameters are secrets (a not-null violation, a bad uuid).
    const db = env.app.get(DataSource);
    await expect(
      db.query('INSERT INTO users (email, password_hash) VALUES ($1, $2)', [
        customer.user.email,
        NEW_PASSWORD,
      ]),
    ).rejects.toThrow();
    await expect(db.query('SELECT id FROM users WHERE id = $1', [CUSTOMER_PHONE])).rejects.toThrow();

    const [{ password_hash: hash }] = await db.query('SELECT password_hash FROM users WHERE id = $1', [
      customer.user.id,
    ]);
    await new Promise((r) => setTimeout(r, 200)); // let the logger flush
    const log = capture.text();
    // The run was logged at all (requests, the failed statements), so the check below means something.
    expect(log).toMatch(/"url":"\/api\/v2\/auth\/login"/);
    expect(log).toMatch(/Query failed/);
    const secrets: Record<string, string> = {
      'test password': TEST_PASSWORD,
      'new password': NEW_PASSWORD,
      'wrong password': 'wrong-horse-battery',
      'refused password': 'password-123',
      'argon2 hash': hash,
      'argon2 hash body': hash.split('$').pop() as string,
      'customer token': customer.accessToken,
      'seller token': shop.owner.accessToken,
      'token signature': customer.accessToken.split('.')[2],
      'customer phone': CUSTOMER_PHONE,
      'callback phone': CALLBACK_PHONE,
      "seller's shop phone": '+1 555 000 1111',
      'customer email': customer.user.email,
      'seller email': shop.owner.user.email,
      'refused email': 'weak-secret@example.org',
      SDP: SDP_MARK,
      'ICE candidate': '203.0.113.199',
    };
    const leaks = Object.entries(secrets).filter(([, secret]) => log.includes(secret));
    expect(leaks.map(([name]) => name)).toEqual([]);
  });
});
