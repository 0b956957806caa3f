import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { SignupFormComponent, type SignupExtras } from '@callshop/web/auth-ui';
import { touchedControlError } from '@callshop/web/core';

type ShopField = 'shopName' | 'shopDescription' | 'phoneNumber';

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
    SignupFormComponent,
  ],
  styleUrl: './auth-card.scss',
  template: `
    <mat-card class="card" appearance="outlined">
      <mat-card-content>
        <h1 class="brand">Open your shop</h1>
        <p class="cs-muted">Sell on Callshop and talk to your customers by video or phone.</p>
        <cs-signup-form [extras]="extras" submitLabel="Create shop" home="/products">
          <div csSignupLead class="fields" [formGroup]="shop">
            <mat-form-field appearance="outline">
              <mat-label>Shop name</mat-label>
              <input matInput formControlName="shopName" required />
              @if (message('shopName', 'Shop name'); as text) {
                <mat-error>{{ text }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Shop description</mat-label>
              <textarea matInput formControlName="shopDescription" rows="2"></textarea>
              @if (message('shopDescription', 'Shop description'); as text) {
                <mat-error>{{ text }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Shop phone number</mat-label>
              <input matInput type="tel" formControlName="phoneNumber" autocomplete="tel" required />
              <mat-hint>Customers can call this number from your product pages.</mat-hint>
              @if (message('phoneNumber', 'Phone number'); as text) {
                <mat-error>{{ text }}</mat-error>
              }
            </mat-form-field>
          </div>
          <a mat-button routerLink="/login">I already have an account</a>
        </cs-signup-form>
      </mat-card-content>
    </mat-card>
  `,
})
export class SignupPage {
  protected readonly shop = inject(NonNullableFormBuilder).group({
    shopName: ['', [Validators.required, Validators.maxLength(120)]],
    shopDescription: [''],
    phoneNumber: ['', [Validators.required]],
  });
  protected readonly extras: SignupExtras = {
    form: this.shop,
    request: () => {
      const { shopName, shopDescription, phoneNumber } = this.shop.getRawValue();
      return {
        role: 'seller',
        phoneNumber: phoneNumber.trim(),
        shopName: shopName.trim(),
        shopDescription: shopDescription.trim() || undefined,
      };
    },
  };

  protected message(name: ShopField, label: string): string | null {
    return touchedControlError(this.shop.controls[name], label);
  }
}
