import { InjectionToken, inject } from '@angular/core';
import type { IceServersResponse } from '@callshop/contracts';
import { CallsApi } from '@callshop/web/core';
import { firstValueFrom } from 'rxjs';

/** How long ICE servers without TURN credentials are reused. */
const STATIC_TTL_MS = 10 * 60_000;
const NONE: IceServersResponse = { iceServers: [], ttl: null, relayOnly: false };

/**
 * A loader for `ICE_SERVERS_LOADER` that keeps the last answer while it is fresh (TURN
 * credentials: until 80 % of their lifetime), so answering a call does not wait for a request.
 * `warm()` fetches ahead of the first call.
 */
export function createCachedIceServersLoader(
  fetchServers: () => Promise<IceServersResponse>,
  now: () => number = Date.now,
): { load: () => Promise<IceServersResponse>; warm: () => void } {
  let cached: { value: IceServersResponse; expiresAt: number } | null = null;
  let inFlight: Promise<IceServersResponse> | null = null;

  const refresh = (): Promise<IceServersResponse> => {
    inFlight ??= fetchServers()
      .then((value) => {
        const life = value.ttl !== null ? value.ttl * 800 : STATIC_TTL_MS;
        cached = { value, expiresAt: now() + life };
        return value;
      })
      .catch(() => cached?.value ?? NONE)
      .finally(() => (inFlight = null));
    return inFlight;
  };

  return {
    load: () => (cached && cached.expiresAt > now() ? Promise.resolve(cached.value) : refresh()),
    warm: () => {
      if (!cached || cached.expiresAt <= now()) void refresh();
    },
  };
}

/** The app's one cache of ICE servers, created from the typed API client. */
export const ICE_SERVERS_CACHE = new InjectionToken<ReturnType<typeof createCachedIceServersLoader>>(
  'ICE_SERVERS_CACHE',
  {
    providedIn: 'root',
    factory: () => {
      const api = inject(CallsApi);
      return createCachedIceServersLoader(() => firstValueFrom(api.iceServers()));
    },
  },
);
