import { SIGNAL_LIMITS } from '@callshop/contracts';
import {
  allowMessage,
  isOriginAllowed,
  parseAvailability,
  parseCallId,
  parseInitiate,
  parseResume,
  parseSignal,
} from './socket-payloads';

const callId = '0b6f3c1e-8f7e-4d6a-9a51-1c2d3e4f5a6b';

describe('socket payload checks', () => {
  it('accepts a UUID call id and refuses anything else', () => {
    expect(parseCallId({ callId })).toEqual({ ok: true, value: { callId } });
    for (const bad of [null, 'x', 42, [], { callId: 'nope' }, { callId: 1 }, { id: callId }]) {
      expect(parseCallId(bad)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    }
  });

  it('reads a resume: the call id, and whether the page has a new peer connection', () => {
    expect(parseResume({ callId })).toEqual({ ok: true, value: { callId, fresh: false } });
    expect(parseResume({ callId, fresh: true })).toEqual({ ok: true, value: { callId, fresh: true } });
    expect(parseResume({ callId, fresh: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD', message: 'fresh must be true or false' },
    });
    expect(parseResume({ fresh: true })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('accepts only booleans for availability', () => {
    expect(parseAvailability({ available: false })).toEqual({ ok: true, value: { available: false } });
    expect(parseAvailability({ available: 'no' })).toMatchObject({ ok: false });
  });

  it('rebuilds descriptions, candidates and media states from known fields only', () => {
    const offer = parseSignal({
      callId,
      signal: { kind: 'description', description: { type: 'offer', sdp: 'v=0', extra: 1 }, x: 2 },
    });
    expect(offer).toEqual({
      ok: true,
      value: { callId, signal: { kind: 'description', description: { type: 'offer', sdp: 'v=0' } } },
    });
    expect(
      parseSignal({ callId, signal: { kind: 'description', description: { type: 'rollback' } } }),
    ).toMatchObject({ ok: true });
    expect(parseSignal({ callId, signal: { kind: 'candidate', candidate: null } })).toMatchObject({
      ok: true,
    });
    expect(
      parseSignal({
        callId,
        signal: {
          kind: 'candidate',
          candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0, evil: true },
        },
      }),
    ).toEqual({
      ok: true,
      value: {
        callId,
        signal: { kind: 'candidate', candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 } },
      },
    });
    expect(parseSignal({ callId, signal: { kind: 'media', audio: true, video: false } })).toMatchObject({
      ok: true,
    });
  });

  it.each([
    [{ callId, signal: null }],
    [{ callId, signal: { kind: 'description', description: { type: 'offer' } } }],
    [{ callId, signal: { kind: 'description', description: { type: 'hack', sdp: 'x' } } }],
    [{ callId, signal: { kind: 'description', description: { type: 'answer', sdp: 5 } } }],
    [{ callId, signal: { kind: 'candidate', candidate: { candidate: 5 } } }],
    [{ callId, signal: { kind: 'candidate', candidate: { candidate: 'c', sdpMLineIndex: -1 } } }],
    [{ callId, signal: { kind: 'candidate', candidate: { candidate: 'c', sdpMid: 'x'.repeat(100) } } }],
    [{ callId, signal: { kind: 'media', audio: 1, video: true } }],
    [{ callId, signal: { kind: 'unknown' } }],
    [{ callId: 'x', signal: { kind: 'media', audio: true, video: true } }],
  ])('refuses %j as INVALID_PAYLOAD', (payload) => {
    expect(parseSignal(payload)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('refuses oversized SDP and candidates as PAYLOAD_TOO_LARGE', () => {
    const sdp = 'a'.repeat(SIGNAL_LIMITS.sdpMax + 1);
    expect(
      parseSignal({ callId, signal: { kind: 'description', description: { type: 'offer', sdp } } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE' },
    });
    const candidate = 'c'.repeat(SIGNAL_LIMITS.candidateMax + 1);
    expect(parseSignal({ callId, signal: { kind: 'candidate', candidate: { candidate } } })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(
      parseSignal({
        callId,
        signal: {
          kind: 'description',
          description: { type: 'offer', sdp: 'a'.repeat(SIGNAL_LIMITS.sdpMax) },
        },
      }),
    ).toMatchObject({ ok: true });
  });
});

describe('call:initiate payload', () => {
  const id = '0b6f3c1e-8f7e-4d6a-9a51-1c2d3e4f5a6b';

  it('keeps the known fields', () => {
    expect(parseInitiate({ sellerId: id, productId: id, type: 'audio' })).toEqual({
      ok: true,
      value: { sellerId: id, productId: id, type: 'audio' },
    });
    expect(parseInitiate({ customerId: id })).toEqual({ ok: true, value: { customerId: id } });
  });

  it.each([
    [null, 'Expected an object'],
    [{ sellerId: 'x' }, 'sellerId must be a UUID'],
    [{ customerId: 7 }, 'customerId must be a UUID'],
    [{ sellerId: id, type: 'hologram' }, 'type must be video or audio'],
    [{ sellerId: id, deviceId: 'abc' }, 'Unknown field deviceId'],
  ])('refuses %j', (payload, message) => {
    const parsed = parseInitiate(payload);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.error).toEqual({ code: 'INVALID_PAYLOAD', message: expect.stringContaining(message) });
  });
});

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
