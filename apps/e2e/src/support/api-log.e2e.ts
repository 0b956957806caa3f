import { secretsIn } from './api-log';

describe("the check of the API's log", () => {
  it('finds each kind of secret, and passes ordinary lines', () => {
    const lines = [
      '{"level":30,"msg":"request completed","req":{"url":"/api/v2/products"}}',
      '{"level":30,"req":{"headers":{"authorization":"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmn"}}}',
      '{"level":50,"msg":"insert failed","detail":"$argon2id$v=19$m=19456,t=2,p=1$abc"}',
      '{"level":20,"msg":"signal","sdp":"v=0\\r\\no=- 4611 2 IN IP4 127.0.0.1\\r\\na=fingerprint:sha-256 AB:CD"}',
      '{"level":20,"msg":"candidate:842163049 1 udp 1677729535 10.0.0.2 56143 typ srflx"}',
      '{"level":40,"msg":"callback","phone":"+1 555 010 9999"}',
    ];
    const found = secretsIn(lines.join('\n'));
    expect(found.map((f) => f.split(':')[0])).toEqual([
      'an access token',
      'an Authorization header',
      'a password hash',
      'SDP',
      'an ICE candidate',
      "a customer's phone number",
    ]);
  });
});
