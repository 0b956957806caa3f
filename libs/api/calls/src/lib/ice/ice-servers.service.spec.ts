import { createHmac } from 'node:crypto';
import { buildIceServers, turnCredentials } from './ice-servers.service';

describe('TURN credentials (coturn REST format)', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('names the expiry and the user, signed with HMAC-SHA1 of the shared secret in base64', () => {
    const { username, credential } = turnCredentials('s3cret', 'user-1', 3600, now);
    expect(username).toBe(`${now / 1000 + 3600}:user-1`);
    expect(credential).toBe(createHmac('sha1', 's3cret').update(username).digest('base64'));
    // A known vector, so a change of algorithm or encoding cannot slip through.
    expect(turnCredentials('secret', 'alice', 0, 1_700_000_000_000)).toEqual({
      username: '1700000000:alice',
      credential: createHmac('sha1', 'secret').update('1700000000:alice').digest('base64'),
    });
  });

  it('lists STUN, then TURN with credentials and the ttl when a secret is configured', () => {
    const res = buildIceServers(
      {
        stunUrls: ['stun:a:3478'],
        turnUrls: ['turn:b:3478'],
        turnSecret: 'k',
        turnTtlSeconds: 600,
        relayOnly: true,
      },
      'u',
      now,
    );
    expect(res.ttl).toBe(600);
    expect(res.relayOnly).toBe(true);
    expect(res.iceServers[0]).toEqual({ urls: ['stun:a:3478'] });
    expect(res.iceServers[1]).toMatchObject({ urls: ['turn:b:3478'], username: `${now / 1000 + 600}:u` });
  });

  it('gives no credentials and no ttl without a secret, and nothing when nothing is configured', () => {
    expect(
      buildIceServers(
        { stunUrls: [], turnUrls: ['turn:b'], turnSecret: null, turnTtlSeconds: 600, relayOnly: false },
        'u',
      ),
    ).toEqual({ iceServers: [{ urls: ['turn:b'] }], ttl: null, relayOnly: false });
    expect(
      buildIceServers(
        { stunUrls: [], turnUrls: [], turnSecret: 'k', turnTtlSeconds: 600, relayOnly: false },
        'u',
      ),
    ).toEqual({ iceServers: [], ttl: null, relayOnly: false });
  });
});
