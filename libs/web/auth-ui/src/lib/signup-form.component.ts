import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import type { RegisterRequest } from '@callshop/contracts';
import { applyFieldErrors, mapApiErrors, touchedControlError } from '@callshop/web/core';
import { AuthForm } from './auth-form';

const ACCOUNT_FIELDS = ['name', 'email', 'password'] as const;
type AccountField = (typeof ACCOUNT_FIELDS)[number];

/**
 * What an app adds to sign-up: its own controls (shown inside the tag with `csSignupLead` before
 * the account fields or `csSignupTrail` after them) and the request fields they make, the role
 * included.
 */
export interface SignupExtras {
  form: FormGroup;
  request(): Omit<RegisterRequest, AccountField>;
}

/**
 * Sign-up: your name, email and password plus the app's own fields, then the session starts and
 * the app goes to `returnUrl` (only a path inside the app) or `home`. Server validation messages
 * land on the field they name, the app's fields included. Other content inside the tag (e.g. a
 * log-in link) is shown beside the submit button.
 */
@Component({
  selector: 'cs-signup-form',
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatInput, MatError, MatHint],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <ng-content select="[csSignupLead]" />
      <mat-form-field appearance="outline">
        <mat-label>Your name</mat-label>
        <input matInput formControlName="name" autocomplete="name" required />
        @if (message('name', 'Name'); as text) {
          <mat-error>{{ text }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Email</mat-label>
        <input matInput type="email" formControlName="email" autocomplete="username" required />
        @if (message('email', 'Email'); as text) {
          <mat-error>{{ text }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Password</mat-label>
        <input matInput type="password" formControlName="password" autocomplete="new-password" required />
        <mat-hint>At least 8 characters, not a common password: a few uncommon words work well.</mat-hint>
        @if (message('password', 'Password'); as text) {
          <mat-error>{{ text }}</mat-error>
        }
      </mat-form-field>
      <ng-content select="[csSignupTrail]" />
      @if (error()) {
        <p class="cs-auth-error" role="alert">{{ error() }}</p>
      }
      <div class="cs-auth-actions">
        <ng-content />
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ busy() ? 'Creating…' : submitLabel() }}
        </button>
      </div>
    </form>
  `,
  styleUrl: './auth-form.css',
})
export class SignupFormComponent extends AuthForm {
  readonly extras = input.required<SignupExtras>();
  readonly submitLabel = input('Sign up');

  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(100)]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(8)]],
  });

  protected message(name: AccountField, label: string): string | null {
    return touchedControlError(this.form.controls[name], label);
  }

  protected submit(): void {
    const extras = this.extras();
    this.form.markAllAsTouched();
    extras.form.markAllAsTouched();
    if (this.form.invalid || extras.form.invalid || this.busy()) return;
    const { name, email, password } = this.form.getRawValue();
    this.sending();
    this.api.register({ ...extras.request(), name: name.trim(), email: email.trim(), password }).subscribe({
      next: (auth) => this.enter(auth),
      error: (err) => {
        const mapped = mapApiErrors(err, [...ACCOUNT_FIELDS, ...Object.keys(extras.form.controls)]);
        applyFieldErrors(this.form, mapped.fields);
        applyFieldErrors(extras.form, mapped.fields);
        this.failed(mapped.form);
      },
    });
  }
}
