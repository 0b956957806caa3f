import { Directive, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder } from '@angular/forms';
import { Router } from '@angular/router';
import type { AuthResponse } from '@callshop/contracts';
import { AuthApi, AuthSession, safeReturnUrl } from '@callshop/web/core';

/**
 * What the log-in and sign-up forms share: the busy and error state of one request, and
 * entering the app once the account is known: the session starts and the app goes to
 * `returnUrl` (only a path inside the app) or `home`.
 */
@Directive()
export abstract class AuthForm {
  protected readonly session = inject(AuthSession);
  protected readonly api = inject(AuthApi);
  protected readonly fb = inject(NonNullableFormBuilder);
  private readonly router = inject(Router);

  /** Where to go afterwards, from the query string. */
  readonly returnUrl = input<string | undefined>();
  /** Where to go when there is no (safe) `returnUrl`. */
  readonly home = input('/');

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected sending(): void {
    this.busy.set(true);
    this.error.set(null);
  }

  protected failed(message: string | null): void {
    this.busy.set(false);
    this.error.set(message);
  }

  protected enter(auth: AuthResponse): void {
    this.session.start(auth);
    void this.router.navigateByUrl(safeReturnUrl(this.returnUrl(), this.home()));
  }
}
