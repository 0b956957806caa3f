import { SIGNAL_LIMITS } from '@callshop/contracts';
import { describeError, validatePayload } from '@callshop/api/core';
import {
  AvailabilityDto,
  CallIdDto,
  ResumeDto,
  SignalMessageDto,
  SocketInitiateDto,
  toSignalMessage,
} from './socket-payloads.dto';

const callId = '0b6f3c1e-8f7e-4d6a-9a51-1c2d3e4f5a6b';

/** What the socket acknowledges for a body: the clean value, or the refusal's code and message. */
async function check<T extends object>(
  dto: new () => T,
  body: unknown,
  strip = false,
): Promise<{ ok: true; value: T } | { ok: false; code: string; message: string }> {
  try {
    return { ok: true, value: await validatePayload(dto, body, { strip }) };
  } catch (e) {
    const { code, message } = describeError(e);
    return { ok: false, code, message };
  }
}

const signal = async (body: unknown) => {
  const r = await check(SignalMessageDto, body, true);
  return r.ok ? { ok: true as const, value: toSignalMessage(r.value) } : r;
};

describe('socket payloads (the REST validation pipe)', () => {
  it('accepts a UUID call id and refuses anything else', async () => {
    expect(await check(CallIdDto, { callId })).toEqual({ ok: true, value: { callId } });
    for (const bad of [null, 'x', 42, [], { callId: 'nope' }, { callId: 1 }, { id: callId }]) {
      expect(await check(CallIdDto, bad)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    }
  });

  it('reads a resume: the call id, and whether the page has a new peer connection', async () => {
    expect(await check(ResumeDto, { callId })).toMatchObject({ ok: true, value: { callId } });
    expect(await check(ResumeDto, { callId, fresh: true })).toEqual({
      ok: true,
      value: { callId, fresh: true },
    });
    expect(await check(ResumeDto, { callId, fresh: 'yes' })).toEqual({
      ok: false,
      code: 'INVALID_PAYLOAD',
      message: 'fresh must be true or false',
    });
    expect(await check(ResumeDto, { fresh: true })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
  });

  it('accepts only booleans for availability', async () => {
    expect(await check(AvailabilityDto, { available: false })).toEqual({
      ok: true,
      value: { available: false },
    });
    expect(await check(AvailabilityDto, { available: 'no' })).toMatchObject({ ok: false });
  });

  it('rebuilds descriptions, candidates and media states from known fields only', async () => {
    expect(
      await signal({
        callId,
        signal: { kind: 'description', description: { type: 'offer', sdp: 'v=0', extra: 1 }, x: 2 },
      }),
    ).toEqual({
      ok: true,
      value: { callId, signal: { kind: 'description', description: { type: 'offer', sdp: 'v=0' } } },
    });
    expect(
      await signal({ callId, signal: { kind: 'description', description: { type: 'rollback' } } }),
    ).toEqual({
      ok: true,
      value: { callId, signal: { kind: 'description', description: { type: 'rollback' } } },
    });
    expect(await signal({ callId, signal: { kind: 'candidate', candidate: null } })).toEqual({
      ok: true,
      value: { callId, signal: { kind: 'candidate', candidate: null } },
    });
    expect(
      await signal({
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
    expect(await signal({ callId, signal: { kind: 'media', audio: true, video: false } })).toEqual({
      ok: true,
      value: { callId, signal: { kind: 'media', audio: true, video: false } },
    });
    expect(
      await signal({ callId, signal: { kind: 'media', audio: true, video: true, screen: true } }),
    ).toEqual({
      ok: true,
      value: { callId, signal: { kind: 'media', audio: true, video: true, screen: true } },
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
    [{ callId, signal: { kind: 'media', audio: true, video: true, screen: 'yes' } }],
    [{ callId, signal: { kind: 'unknown' } }],
    [{ callId: 'x', signal: { kind: 'media', audio: true, video: true } }],
  ])('refuses %j as INVALID_PAYLOAD', async (payload) => {
    expect(await signal(payload)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
  });

  it('refuses oversized SDP and candidates as PAYLOAD_TOO_LARGE', async () => {
    const sdp = 'a'.repeat(SIGNAL_LIMITS.sdpMax + 1);
    expect(
      await signal({ callId, signal: { kind: 'description', description: { type: 'offer', sdp } } }),
    ).toEqual({
      ok: false,
      code: 'PAYLOAD_TOO_LARGE',
      message: `description.sdp is longer than ${SIGNAL_LIMITS.sdpMax} characters`,
    });
    const candidate = 'c'.repeat(SIGNAL_LIMITS.candidateMax + 1);
    expect(await signal({ callId, signal: { kind: 'candidate', candidate: { candidate } } })).toMatchObject({
      ok: false,
      code: 'PAYLOAD_TOO_LARGE',
    });
    const largest = 'a'.repeat(SIGNAL_LIMITS.sdpMax);
    expect(
      await signal({ callId, signal: { kind: 'description', description: { type: 'offer', sdp: largest } } }),
    ).toMatchObject({ ok: true });
  });
});

describe('call:initiate payload', () => {
  const id = callId;

  it('keeps the known fields', async () => {
    expect(await check(SocketInitiateDto, { sellerId: id, productId: id, type: 'audio' })).toEqual({
      ok: true,
      value: { sellerId: id, productId: id, type: 'audio' },
    });
    expect(await check(SocketInitiateDto, { customerId: id })).toEqual({
      ok: true,
      value: { customerId: id },
    });
  });

  it.each([
    [null, 'Expected an object'],
    [{ sellerId: 'x' }, 'sellerId must be a UUID'],
    [{ customerId: 7 }, 'customerId must be a UUID'],
    [{ sellerId: id, type: 'hologram' }, 'type must be video or audio'],
    [{ sellerId: id, deviceId: 'abc' }, 'Unknown field deviceId'],
    [{ sellerId: id, __proto__x: 1 }, 'Unknown field __proto__x'],
    [JSON.parse(`{"sellerId":"${id}","__proto__":{"polluted":true}}`), 'Unknown field __proto__'],
    [{ sellerId: `${id}\u0000` }, 'sellerId must not contain NUL characters'],
  ])('refuses %j', async (payload, message) => {
    expect(await check(SocketInitiateDto, payload)).toEqual({
      ok: false,
      code: 'INVALID_PAYLOAD',
      message: expect.stringContaining(message),
    });
  });
});
