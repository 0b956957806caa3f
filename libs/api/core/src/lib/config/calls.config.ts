import { registerAs } from '@nestjs/config';

export interface CallsConfig {
  ringTimeoutMs: number;
  reconnectGraceMs: number;
  stunUrls: string[];
  turnUrls: string[];
  turnSecret: string | null;
  turnTtlSeconds: number;
  relayOnly: boolean;
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

export const callsConfig = registerAs('calls', (): CallsConfig => ({
  ringTimeoutMs: Number(process.env['CALL_RING_TIMEOUT_MS'] ?? 45_000),
  reconnectGraceMs: Number(process.env['CALL_RECONNECT_GRACE_MS'] ?? 20_000),
  stunUrls: list(process.env['STUN_URLS']),
  turnUrls: list(process.env['TURN_URLS']),
  turnSecret: process.env['TURN_SECRET'] || null,
  turnTtlSeconds: Number(process.env['TURN_TTL_SECONDS'] ?? 3600),
  relayOnly: ['true', '1', 'yes'].includes(String(process.env['ICE_RELAY_ONLY'] ?? '').toLowerCase()),
}));
