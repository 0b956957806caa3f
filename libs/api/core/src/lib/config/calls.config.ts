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
  };
});
