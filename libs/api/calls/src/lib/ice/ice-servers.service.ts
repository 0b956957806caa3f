import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type { IceServerDto, IceServersResponse } from '@callshop/contracts';
import { callsConfig } from '@callshop/api/core';

/**
 * Short-lived TURN credentials in coturn's REST format (`use-auth-secret`):
 * `username = <expiry unix seconds>:<userId>`, `credential = base64(HMAC-SHA1(secret, username))`.
 */
export function turnCredentials(
  secret: string,
  userId: string,
  ttlSeconds: number,
  nowMs = Date.now(),
): { username: string; credential: string } {
  const expiry = Math.floor(nowMs / 1000) + ttlSeconds;
  const username = `${expiry}:${userId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

/** The ICE servers a client should use, from configuration. */
export function buildIceServers(
  config: Pick<
    ConfigType<typeof callsConfig>,
    'stunUrls' | 'turnUrls' | 'turnSecret' | 'turnTtlSeconds' | 'relayOnly'
  >,
  userId: string,
  nowMs = Date.now(),
): IceServersResponse {
  const iceServers: IceServerDto[] = [];
  if (config.stunUrls.length) iceServers.push({ urls: [...config.stunUrls] });
  if (config.turnUrls.length) {
    iceServers.push(
      config.turnSecret
        ? {
            urls: [...config.turnUrls],
            ...turnCredentials(config.turnSecret, userId, config.turnTtlSeconds, nowMs),
          }
        : { urls: [...config.turnUrls] },
    );
  }
  return {
    iceServers,
    ttl: config.turnSecret && config.turnUrls.length ? config.turnTtlSeconds : null,
    relayOnly: config.relayOnly,
  };
}

@Injectable()
export class IceServersService {
  constructor(@Inject(callsConfig.KEY) private readonly config: ConfigType<typeof callsConfig>) {}

  forUser(userId: string): IceServersResponse {
    return buildIceServers(this.config, userId);
  }
}
