import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { AuthApi, AuthSession, describeError, safeReturnUrl } from '@callshop/web/core';

/** Customer sign-up; sellers sign up in the seller console. */
@Component({
  selector: 'cs-register-page',
  imports: [ReactiveFormsModule, RouterLink, MatButton, MatFormField, MatLabel, MatInput, MatError, MatHint],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page narrow">
      <h1>Create your account</h1>
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" autocomplete="name" required />
          @if (form.controls.name.invalid) {
            <mat-error>Enter your name.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Email</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="email" required />
          @if (form.controls.email.invalid) {
            <mat-error>Enter a valid email address.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Password</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" required />
          <mat-hint>At least 8 characters.</mat-hint>
          @if (form.controls.password.invalid) {
            <mat-error>Use at least 8 characters.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Phone number (optional)</mat-label>
          <input matInput type="tel" formControlName="phoneNumber" autocomplete="tel" />
          <mat-hint>So sellers can call you back when you ask them to.</mat-hint>
        </mat-form-field>
        @if (error()) {
          <p class="error" role="alert">{{ error() }}</p>
        }
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ busy() ? 'Creating…' : 'Sign up' }}
        </button>
      </form>
      <p>
        Already have an account? <a routerLink="/login" [queryParams]="{ returnUrl: returnUrl() }">Log in</a>
      </p>
    </div>
  `,
  styleUrl: './auth-form.css',
})
export class RegisterPage {
  private readonly session = inject(AuthSession);
  private readonly api = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly fb = inject(FormBuilder);

  /** Query parameter: where to go after signing up. */
  readonly returnUrl = input<string | undefined>();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = this.fb.nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(100)]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(8)]],
    phoneNumber: [''],
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, email, password, phoneNumber } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.api
      .register({
        role: 'customer',
        name: name.trim(),
        email: email.trim(),
        password,
        phoneNumber: phoneNumber.trim() || undefined,
      })
      .subscribe({
        next: (auth) => {
          this.session.start(auth);
          void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
        },
        error: (err) => {
          this.busy.set(false);
          this.error.set(describeError(err));
        },
      });
  }
}
