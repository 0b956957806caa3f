import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import type { UserDto } from '@callshop/contracts';
import { errorStatus, mapApiErrors, touchedControlError } from '@callshop/web/core';
import { AuthForm } from './auth-form';

/** Says why an account may not use this app (a message to show), or null to let it in. */
export type AccountCheck = (user: UserDto) => string | null;

/**
 * Email and password, then the session starts and the app goes to `returnUrl` (only a path
 * inside the app) or `home`. Content inside the tag (e.g. a sign-up link) is shown beside
 * the "Log in" button.
 */
@Component({
  selector: 'cs-login-form',
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatInput, MatError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (sessionEnded()) {
      <p class="cs-auth-note" role="status">Your session has ended. Please log in again.</p>
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field appearance="outline">
        <mat-label>Email</mat-label>
        <input matInput type="email" formControlName="email" autocomplete="username" required />
        @if (message('email', 'Email'); as text) {
          <mat-error>{{ text }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Password</mat-label>
        <input matInput type="password" formControlName="password" autocomplete="current-password" required />
        @if (message('password', 'Password'); as text) {
          <mat-error>{{ text }}</mat-error>
        }
      </mat-form-field>
      @if (error()) {
        <p class="cs-auth-error" role="alert">{{ error() }}</p>
      }
      <div class="cs-auth-actions">
        <ng-content />
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ busy() ? 'Logging in…' : 'Log in' }}
        </button>
      </div>
    </form>
  `,
  styleUrl: './auth-form.css',
})
export class LoginFormComponent extends AuthForm {
  /** Turns away accounts this app is not for, before their session starts. */
  readonly accountCheck = input<AccountCheck>(() => null);

  protected readonly sessionEnded = computed(() => {
    const reason = this.session.endReason();
    return reason === 'expired' || reason === 'unauthorized';
  });
  protected readonly form = this.fb.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });

  protected message(name: 'email' | 'password', label: string): string | null {
    return touchedControlError(this.form.controls[name], label);
  }

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.sending();
    this.api.login(this.form.getRawValue()).subscribe({
      next: (auth) => {
        const refusal = this.accountCheck()(auth.user);
        if (refusal) this.failed(refusal);
        else this.enter(auth);
      },
      error: (err) =>
        this.failed(
          errorStatus(err) === 401 ? 'That email and password do not match.' : mapApiErrors(err, []).form,
        ),
    });
  }
}
