import type { AppConfig } from '@callshop/api/core';
import type { AuthService } from '@callshop/api/auth';
import type { CallSocket } from './calls-namespace';

/**
 * The namespace middleware that lets a socket in: a browser's origin must be allowed and the
 * handshake must carry a valid access token (`auth.token`); the user is kept on the socket.
 * Guards do not run on a gateway's connection handler, hence a middleware.
 */
export function authenticateHandshake(auth: AuthService, app: Pick<AppConfig, 'corsOrigins' | 'publicUrl'>) {
  return (socket: CallSocket, next: (err?: Error) => void): void => {
    const { origin, host } = socket.handshake.headers;
    if (!isOriginAllowed(origin, host, app.corsOrigins, app.publicUrl)) {
      return next(new Error('origin not allowed'));
    }
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || !token || token.length > 4096) return next(new Error('unauthorized'));
    auth.verifyToken(token).then(
      (user) => {
        socket.data = { user, available: true, rate: { windowStart: Date.now(), count: 0 } };
        next();
      },
      () => next(new Error('unauthorized')),
    );
  };
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
