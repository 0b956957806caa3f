import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { AuthApi, AuthSession, describeError, errorStatus, safeReturnUrl } from '@callshop/web/core';

/** Log in, then go back to where the visitor was (`?returnUrl=`). */
@Component({
  selector: 'cs-login-page',
  imports: [ReactiveFormsModule, RouterLink, MatButton, MatFormField, MatLabel, MatInput, MatError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page narrow">
      <h1>Log in</h1>
      @if (session.endReason() === 'expired' || session.endReason() === 'unauthorized') {
        <p class="notice" role="status">Your session has expired. Please log in again.</p>
      }
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>Email</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="email" required />
          @if (form.controls.email.invalid) {
            <mat-error>Enter your email address.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Password</mat-label>
          <input
            matInput
            type="password"
            formControlName="password"
            autocomplete="current-password"
            required
          />
          @if (form.controls.password.invalid) {
            <mat-error>Enter your password.</mat-error>
          }
        </mat-form-field>
        @if (error()) {
          <p class="error" role="alert">{{ error() }}</p>
        }
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ busy() ? 'Logging in…' : 'Log in' }}
        </button>
      </form>
      <p>
        New here? <a routerLink="/register" [queryParams]="{ returnUrl: returnUrl() }">Create an account</a>
      </p>
    </div>
  `,
  styleUrl: './auth-form.css',
})
export class LoginPage {
  protected readonly session = inject(AuthSession);
  private readonly api = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly fb = inject(FormBuilder);

  /** Query parameter: where to go after logging in. */
  readonly returnUrl = input<string | undefined>();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = this.fb.nonNullable.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.login(this.form.getRawValue()).subscribe({
      next: (auth) => {
        this.session.start(auth);
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
      },
      error: (err) => {
        this.busy.set(false);
        this.error.set(
          errorStatus(err) === 401 ? 'That email and password do not match.' : describeError(err),
        );
      },
    });
  }
}
