import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { LoginFormComponent, type AccountCheck } from '@callshop/web/auth-ui';

/** Log-in for shop staff. Customer accounts are turned away: they belong in the storefront. */
@Component({
  selector: 'cs-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatCardModule, MatButtonModule, LoginFormComponent],
  styleUrl: './auth-card.scss',
  template: `
    <mat-card class="card" appearance="outlined">
      <mat-card-content>
        <h1 class="brand">Callshop Seller Console</h1>
        <p class="cs-muted">Log in to take your customers' calls.</p>
        <cs-login-form [returnUrl]="returnUrl()" home="/calls" [accountCheck]="sellersOnly">
          <a mat-button routerLink="/signup">Open a shop</a>
        </cs-login-form>
      </mat-card-content>
    </mat-card>
  `,
})
export class LoginPage {
  /** Where to go after logging in (from the query string). */
  readonly returnUrl = input<string | undefined>();

  protected readonly sellersOnly: AccountCheck = (user) =>
    user.role === 'seller'
      ? null
      : 'This is a customer account. Use the storefront to shop and call sellers.';
}
