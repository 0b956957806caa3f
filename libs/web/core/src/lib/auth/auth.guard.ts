import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { LOGIN_PATH } from '../tokens';
import { AuthSession } from './auth-session';

/** Lets signed-in users through; others go to log in and come back afterwards. */
export const authGuard: CanActivateFn = (_route, state) => {
  const session = inject(AuthSession);
  if (session.validToken()) return true;
  return inject(Router).createUrlTree([inject(LOGIN_PATH)], { queryParams: { returnUrl: state.url } });
};

/** Keeps signed-in users away from log-in and sign-up pages. */
export const guestGuard: CanActivateFn = () =>
  inject(AuthSession).validToken() ? inject(Router).parseUrl('/') : true;

/**
 * A `returnUrl` taken from the query string, accepted only when it is a path inside this app,
 * so a crafted link cannot send someone to another site after logging in.
 */
export function safeReturnUrl(value: string | null | undefined, fallback = '/'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
