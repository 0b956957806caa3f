import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { API_BASE_URL, LOGIN_PATH } from '../tokens';
import { AuthSession } from './auth-session';

/** Requests that answer 401 for a wrong password, not for an expired session. */
const CREDENTIAL_PATHS = ['/auth/login', '/auth/register'];

/**
 * Adds the Bearer token to requests for our API (never to another origin), and turns a 401
 * from it into "session over": the session is cleared and the visitor is sent to log in,
 * with a `returnUrl` that brings them back.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const session = inject(AuthSession);
  const router = inject(Router);
  const base = inject(API_BASE_URL);
  const loginPath = inject(LOGIN_PATH);

  if (!req.url.startsWith(base)) return next(req);
  const token = session.validToken();
  const authed = token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;

  return next(authed).pipe(
    catchError((error: unknown) => {
      const isCredentialCheck = CREDENTIAL_PATHS.some((p) => req.url.startsWith(base + p));
      if (error instanceof HttpErrorResponse && error.status === 401 && !isCredentialCheck && token) {
        session.end('unauthorized');
        const returnUrl = router.url;
        if (!returnUrl.startsWith(loginPath)) {
          void router.navigate([loginPath], { queryParams: { returnUrl } });
        }
      }
      return throwError(() => error);
    }),
  );
};
