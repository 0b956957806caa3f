import { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = newWebhookSecret();
  const body = '{"id":"e1","type":"call.ended"}';
  const now = Date.UTC(2026, 10, 27, 21, 0, 0);
  const t = now / 1000;

  it('signs timestamp.body with HMAC-SHA256, and verifies it', () => {
    const header = signWebhook(secret, t, body);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, header, body, 300, now)).toBe(true);
  });

  it('refuses another secret, another body, an old timestamp and a malformed header', () => {
    const header = signWebhook(secret, t, body);
    expect(verifyWebhook(newWebhookSecret(), header, body, 300, now)).toBe(false);
    expect(verifyWebhook(secret, header, `${body} `, 300, now)).toBe(false);
    expect(verifyWebhook(secret, header, body, 300, now + 301_000)).toBe(false);
    expect(verifyWebhook(secret, 'v1=abc', body, 300, now)).toBe(false);
    expect(verifyWebhook(secret, `t=${t},v1=zz`, body, 300, now)).toBe(false);
  });

  it('makes a new 32-byte secret each time', () => {
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});
