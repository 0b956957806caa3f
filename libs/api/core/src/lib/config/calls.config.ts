import { registerAs } from '@nestjs/config';
import { validatedEnv } from './env.validation';

export interface CallsConfig {
  ringTimeoutMs: number;
  reconnectGraceMs: number;
  /** An answered call whose media has not flowed both ways by then fails (`media_failed`). */
  mediaTimeoutMs: number;
  stunUrls: string[];
  turnUrls: string[];
  turnSecret: string | null;
  turnTtlSeconds: number;
  relayOnly: boolean;
  /** Abuse limits, per customer whatever their sockets, instances or addresses. */
  limits: {
    /** Connected sockets at once; one more is refused at the handshake. */
    maxSockets: number;
    /** Calls and callback requests started per minute. */
    callsPerMinute: number;
    /** Calls to one shop per minute. */
    ringsPerShopPerMinute: number;
  };
}

export const callsConfig = registerAs('calls', (): CallsConfig => {
  const env = validatedEnv();
  return {
    ringTimeoutMs: env.CALL_RING_TIMEOUT_MS,
    reconnectGraceMs: env.CALL_RECONNECT_GRACE_MS,
    mediaTimeoutMs: env.CALL_MEDIA_TIMEOUT_MS,
    stunUrls: env.STUN_URLS,
    turnUrls: env.TURN_URLS,
    turnSecret: env.TURN_SECRET,
    turnTtlSeconds: env.TURN_TTL_SECONDS,
    relayOnly: env.ICE_RELAY_ONLY,
    limits: {
      maxSockets: env.CUSTOMER_MAX_SOCKETS,
      callsPerMinute: env.CUSTOMER_CALLS_PER_MINUTE,
      ringsPerShopPerMinute: env.SHOP_RINGS_PER_CUSTOMER_PER_MINUTE,
    },
  };
});
