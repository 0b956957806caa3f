/**
 * Checks on a socket before its messages are read: where a browser's handshake comes from,
 * and how fast one socket may send.
 */

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
