import type { JwtClaims } from '@callshop/contracts';

/** Claims of a JWT without verifying it (the server verifies; the client only needs `exp`). */
export function decodeJwt(token: string): (Partial<JwtClaims> & { exp?: number }) | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const base64 = part
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(part.length / 4) * 4, '=');
    const json = decodeURIComponent(
      Array.from(atob(base64), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''),
    );
    const claims = JSON.parse(json);
    return claims && typeof claims === 'object' ? claims : null;
  } catch {
    return null;
  }
}

/**
 * When a token stops being valid, in epoch milliseconds: its `exp` claim, or else the
 * `expiresIn` the login answer gave. `null` when neither is known.
 */
export function tokenExpiry(token: string, issuedAt: number, expiresInSeconds?: number): number | null {
  const exp = decodeJwt(token)?.exp;
  if (typeof exp === 'number') return exp * 1000;
  if (typeof expiresInSeconds === 'number') return issuedAt + expiresInSeconds * 1000;
  return null;
}
