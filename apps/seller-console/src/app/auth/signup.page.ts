import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { AuthApi, AuthSession } from '@callshop/web/core';
import { firstValueFrom } from 'rxjs';
import { applyFieldErrors, controlError, mapApiErrors } from '../shared/api-form-errors';

const FIELDS = ['name', 'email', 'password', 'phoneNumber', 'shopName', 'shopDescription'] as const;
type Field = (typeof FIELDS)[number];

/** Seller sign-up: creates the account and the shop it owns. */
@Component({
  selector: 'cs-signup-page',
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
        <h1 class="brand">Open your shop</h1>
        <p class="cs-muted">Sell on Callshop and talk to your customers by video or phone.</p>
        @if (error()) {
          <p class="banner" role="alert">{{ error() }}</p>
        }
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>Shop name</mat-label>
            <input matInput formControlName="shopName" required />
            @if (show('shopName')) {
              <mat-error>{{ message('shopName', 'Shop name') }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Shop description</mat-label>
            <textarea matInput formControlName="shopDescription" rows="2"></textarea>
            @if (show('shopDescription')) {
              <mat-error>{{ message('shopDescription', 'Shop description') }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Shop phone number</mat-label>
            <input matInput type="tel" formControlName="phoneNumber" autocomplete="tel" required />
            <mat-hint>Customers can call this number from your product pages.</mat-hint>
            @if (show('phoneNumber')) {
              <mat-error>{{ message('phoneNumber', 'Phone number') }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Your name</mat-label>
            <input matInput formControlName="name" autocomplete="name" required />
            @if (show('name')) {
              <mat-error>{{ message('name', 'Name') }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Email</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="username" required />
            @if (show('email')) {
              <mat-error>{{ message('email', 'Email') }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Password</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="new-password" required />
            <mat-hint>At least 8 characters.</mat-hint>
            @if (show('password')) {
              <mat-error>{{ message('password', 'Password') }}</mat-error>
            }
          </mat-form-field>
          <div class="actions">
            <a mat-button routerLink="/login">I already have an account</a>
            <button mat-flat-button type="submit" [disabled]="busy()">
              {{ busy() ? 'Creating…' : 'Create shop' }}
            </button>
          </div>
        </form>
      </mat-card-content>
    </mat-card>
  `,
})
export class SignupPage {
  private readonly api = inject(AuthApi);
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = this.fb.group({
    shopName: ['', [Validators.required, Validators.maxLength(120)]],
    shopDescription: [''],
    phoneNumber: ['', [Validators.required]],
    name: ['', [Validators.required]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(8)]],
  });

  protected show(name: Field): boolean {
    const c = this.form.controls[name];
    return c.touched && c.invalid;
  }

  protected message(name: Field, label: string): string | null {
    return controlError(this.form.controls[name], label);
  }

  async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    const v = this.form.getRawValue();
    try {
      const auth = await firstValueFrom(
        this.api.register({
          role: 'seller',
          name: v.name.trim(),
          email: v.email.trim(),
          password: v.password,
          phoneNumber: v.phoneNumber.trim(),
          shopName: v.shopName.trim(),
          shopDescription: v.shopDescription.trim() || undefined,
        }),
      );
      this.session.start(auth);
      await this.router.navigateByUrl('/products');
    } catch (error) {
      const mapped = mapApiErrors(error, FIELDS);
      applyFieldErrors(this.form, mapped.fields);
      this.error.set(mapped.form);
    } finally {
      this.busy.set(false);
    }
  }
}
