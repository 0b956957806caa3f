import {
  SIGNAL_LIMITS,
  type InitiateCallRequest,
  type SignalMessage,
  type SignalPayload,
  type SocketError,
} from '@callshop/contracts';

/** The result of checking a client's message: the clean value, or the error to acknowledge with. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: SocketError };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalid = (message: string): { ok: false; error: SocketError } => ({
  ok: false,
  error: { code: 'INVALID_PAYLOAD', message },
});
const tooLarge = (message: string): { ok: false; error: SocketError } => ({
  ok: false,
  error: { code: 'PAYLOAD_TOO_LARGE', message },
});

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function uuidField(p: unknown, field: string): Parsed<string> {
  if (!isObject(p)) return invalid(`Expected an object with ${field}`);
  const v = p[field];
  if (typeof v !== 'string' || !UUID.test(v)) return invalid(`${field} must be a UUID`);
  return { ok: true, value: v };
}

export function parseCallId(p: unknown): Parsed<{ callId: string }> {
  const id = uuidField(p, 'callId');
  return id.ok ? { ok: true, value: { callId: id.value } } : id;
}

export function parseResume(p: unknown): Parsed<{ callId: string; fresh: boolean }> {
  const id = uuidField(p, 'callId');
  if (!id.ok) return id;
  const fresh = (p as Record<string, unknown>)['fresh'];
  if (fresh !== undefined && typeof fresh !== 'boolean') return invalid('fresh must be true or false');
  return { ok: true, value: { callId: id.value, fresh: fresh === true } };
}

export function parseShopId(p: unknown): Parsed<{ shopId: string }> {
  const id = uuidField(p, 'shopId');
  return id.ok ? { ok: true, value: { shopId: id.value } } : id;
}

const INITIATE_IDS = ['sellerId', 'productId', 'customerId'] as const;

/** Checks a `call:initiate` message: known fields only, ids as UUIDs, type video or audio. */
export function parseInitiate(p: unknown): Parsed<Omit<InitiateCallRequest, 'deviceId'>> {
  if (!isObject(p)) return invalid('Expected an object with sellerId and productId, or customerId');
  const value: Omit<InitiateCallRequest, 'deviceId'> = {};
  for (const key of Object.keys(p)) {
    if (key !== 'type' && !(INITIATE_IDS as readonly string[]).includes(key)) {
      return invalid(`Unknown field ${key.slice(0, 40)}`);
    }
  }
  for (const field of INITIATE_IDS) {
    const v = p[field];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !UUID.test(v)) return invalid(`${field} must be a UUID`);
    value[field] = v;
  }
  if (p['type'] !== undefined) {
    if (p['type'] !== 'video' && p['type'] !== 'audio') return invalid('type must be video or audio');
    value.type = p['type'];
  }
  return { ok: true, value };
}

export function parseAvailability(p: unknown): Parsed<{ available: boolean }> {
  if (!isObject(p) || typeof p['available'] !== 'boolean') return invalid('available must be true or false');
  return { ok: true, value: { available: p['available'] } };
}

const DESCRIPTION_TYPES = new Set(['offer', 'answer', 'pranswer', 'rollback']);

const optionalString = (v: unknown, max: number): v is string | null | undefined =>
  v === undefined || v === null || (typeof v === 'string' && v.length <= max);

/**
 * Checks a `call:signal` message and rebuilds it from known fields only, so nothing but a
 * well-formed description, candidate or media state is ever relayed.
 */
export function parseSignal(p: unknown): Parsed<SignalMessage> {
  const id = uuidField(p, 'callId');
  if (!id.ok) return id;
  const s = (p as Record<string, unknown>)['signal'];
  if (!isObject(s)) return invalid('signal must be an object');
  let signal: SignalPayload;
  switch (s['kind']) {
    case 'description': {
      const d = s['description'];
      if (!isObject(d) || typeof d['type'] !== 'string' || !DESCRIPTION_TYPES.has(d['type'])) {
        return invalid('description.type must be offer, answer, pranswer or rollback');
      }
      const type = d['type'] as 'offer' | 'answer' | 'pranswer' | 'rollback';
      const sdp = d['sdp'];
      if (sdp !== undefined && typeof sdp !== 'string') return invalid('description.sdp must be a string');
      if (type !== 'rollback' && (typeof sdp !== 'string' || sdp.length === 0)) {
        return invalid('description.sdp is required');
      }
      if (typeof sdp === 'string' && sdp.length > SIGNAL_LIMITS.sdpMax) {
        return tooLarge(`description.sdp is longer than ${SIGNAL_LIMITS.sdpMax} characters`);
      }
      signal = { kind: 'description', description: sdp === undefined ? { type } : { type, sdp } };
      break;
    }
    case 'candidate': {
      const c = s['candidate'];
      if (c === null) {
        signal = { kind: 'candidate', candidate: null };
        break;
      }
      if (!isObject(c) || typeof c['candidate'] !== 'string')
        return invalid('candidate.candidate must be a string');
      if (c['candidate'].length > SIGNAL_LIMITS.candidateMax) {
        return tooLarge(`candidate is longer than ${SIGNAL_LIMITS.candidateMax} characters`);
      }
      if (!optionalString(c['sdpMid'], 64)) return invalid('candidate.sdpMid must be a short string or null');
      if (!optionalString(c['usernameFragment'], 256)) {
        return invalid('candidate.usernameFragment must be a short string or null');
      }
      const index = c['sdpMLineIndex'];
      if (
        index !== undefined &&
        index !== null &&
        !(Number.isInteger(index) && (index as number) >= 0 && (index as number) < 1024)
      ) {
        return invalid('candidate.sdpMLineIndex must be a small whole number or null');
      }
      signal = {
        kind: 'candidate',
        candidate: {
          candidate: c['candidate'],
          sdpMid: (c['sdpMid'] as string | null | undefined) ?? null,
          sdpMLineIndex: (index as number | null | undefined) ?? null,
          ...(c['usernameFragment'] != null ? { usernameFragment: c['usernameFragment'] as string } : {}),
        },
      };
      break;
    }
    case 'media': {
      if (typeof s['audio'] !== 'boolean' || typeof s['video'] !== 'boolean') {
        return invalid('media.audio and media.video must be true or false');
      }
      signal = { kind: 'media', audio: s['audio'], video: s['video'] };
      break;
    }
    default:
      return invalid('signal.kind must be description, candidate or media');
  }
  return { ok: true, value: { callId: id.value, signal } };
}

/**
 * A browser's `Origin` must be in the CORS allow-list, the public URL, or the server's own
 * host (same origin). Clients without an Origin (native apps, tests) are not browsers.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowList: readonly string[],
  publicUrl: string | null,
): boolean {
  if (!origin) return true;
  if (allowList.includes(origin)) return true;
  try {
    const url = new URL(origin);
    if (host && url.host === host) return true;
    if (publicUrl && new URL(publicUrl).origin === url.origin) return true;
  } catch {
    return false;
  }
  return false;
}

/** Fixed one-second window counter; returns false once the socket sent more than `limit` messages in it. */
export function allowMessage(
  rate: { windowStart: number; count: number },
  limit: number,
  now = Date.now(),
): boolean {
  if (now - rate.windowStart >= 1000) {
    rate.windowStart = now;
    rate.count = 0;
  }
  rate.count += 1;
  return rate.count <= limit;
}
