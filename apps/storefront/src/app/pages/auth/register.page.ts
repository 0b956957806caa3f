import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { SignupFormComponent, type SignupExtras } from '@callshop/web/auth-ui';

/** Customer sign-up; sellers sign up in the seller console. */
@Component({
  selector: 'cs-register-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormField, MatLabel, MatInput, MatHint, SignupFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page narrow">
      <h1>Create your account</h1>
      <cs-signup-form [extras]="extras" [returnUrl]="returnUrl()">
        <div csSignupTrail class="fields" [formGroup]="customer">
          <mat-form-field appearance="outline">
            <mat-label>Phone number (optional)</mat-label>
            <input matInput type="tel" formControlName="phoneNumber" autocomplete="tel" />
            <mat-hint>So sellers can call you back when you ask them to.</mat-hint>
          </mat-form-field>
        </div>
      </cs-signup-form>
      <p>
        Already have an account? <a routerLink="/login" [queryParams]="{ returnUrl: returnUrl() }">Log in</a>
      </p>
    </div>
  `,
  styleUrl: './auth-page.css',
})
export class RegisterPage {
  /** Query parameter: where to go after signing up. */
  readonly returnUrl = input<string | undefined>();
  protected readonly customer = inject(NonNullableFormBuilder).group({ phoneNumber: [''] });
  protected readonly extras: SignupExtras = {
    form: this.customer,
    request: () => ({
      role: 'customer',
      phoneNumber: this.customer.getRawValue().phoneNumber.trim() || undefined,
    }),
  };
}
