import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { AuthApi, AuthSession, errorStatus, safeReturnUrl } from '@callshop/web/core';
import { firstValueFrom } from 'rxjs';
import { controlError, mapApiErrors } from '../shared/api-form-errors';

/** Log-in for shop staff. Customer accounts are turned away: they belong in the storefront. */
@Component({
  selector: 'cs-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
  ],
  styleUrl: './auth-card.scss',
  template: `
    <mat-card class="card" appearance="outlined">
      <mat-card-content>
        <h1 class="brand">Callshop Seller Console</h1>
        <p class="cs-muted">Log in to take your customers' calls.</p>
        @if (session.endReason() === 'expired' || session.endReason() === 'unauthorized') {
          <p class="note" role="status">Your session has ended. Please log in again.</p>
        }
        @if (error()) {
          <p class="banner" role="alert">{{ error() }}</p>
        }
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>Email</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="username" required />
            @if (form.controls.email.touched && form.controls.email.invalid) {
              <mat-error>{{ message('email', 'Email') }}</mat-error>
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
            @if (form.controls.password.touched && form.controls.password.invalid) {
              <mat-error>{{ message('password', 'Password') }}</mat-error>
            }
          </mat-form-field>
          <div class="actions">
            <a mat-button routerLink="/signup">Open a shop</a>
            <button mat-flat-button type="submit" [disabled]="busy()">
              {{ busy() ? 'Logging in…' : 'Log in' }}
            </button>
          </div>
        </form>
      </mat-card-content>
    </mat-card>
  `,
})
export class LoginPage {
  protected readonly session = inject(AuthSession);
  private readonly api = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  /** Where to go after logging in (from the query string). */
  readonly returnUrl = input<string | undefined>();

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = this.fb.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });

  protected message(name: 'email' | 'password', label: string): string | null {
    return controlError(this.form.controls[name], label);
  }

  async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const auth = await firstValueFrom(this.api.login(this.form.getRawValue()));
      if (auth.user.role !== 'seller') {
        this.error.set('This is a customer account. Use the storefront to shop and call sellers.');
        return;
      }
      this.session.start(auth);
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl(), '/calls'));
    } catch (error) {
      this.error.set(errorStatus(error) === 401 ? 'Wrong email or password.' : mapApiErrors(error, []).form);
    } finally {
      this.busy.set(false);
    }
  }
}
