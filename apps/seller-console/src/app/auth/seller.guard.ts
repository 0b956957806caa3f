import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthSession, LOGIN_PATH } from '@callshop/web/core';

/**
 * Lets shop staff in. Anyone else goes to log in and comes back afterwards; a customer
 * session (which the console never starts itself) is ended rather than looped on.
 */
export const sellerGuard: CanActivateFn = (_route, state) => {
  const session = inject(AuthSession);
  const router = inject(Router);
  const login = inject(LOGIN_PATH);
  if (session.validToken() && session.role() === 'seller') return true;
  if (session.isAuthenticated()) session.end('logout');
  return router.createUrlTree([login], { queryParams: { returnUrl: state.url } });
};

/** Keeps signed-in staff away from log-in and sign-up. */
export const sellerGuestGuard: CanActivateFn = () => {
  const session = inject(AuthSession);
  return session.validToken() && session.role() === 'seller' ? inject(Router).parseUrl('/calls') : true;
};

/** Only a shop's owner manages its staff. */
export const ownerGuard: CanActivateFn = () =>
  inject(AuthSession).user()?.staffRole === 'owner' ? true : inject(Router).parseUrl('/calls');
