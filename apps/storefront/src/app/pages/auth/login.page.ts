import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { LoginFormComponent } from '@callshop/web/auth-ui';

/** Log in, then go back to where the visitor was (`?returnUrl=`). */
@Component({
  selector: 'cs-login-page',
  imports: [RouterLink, LoginFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page narrow">
      <h1>Log in</h1>
      <cs-login-form [returnUrl]="returnUrl()" />
      <p>
        New here? <a routerLink="/register" [queryParams]="{ returnUrl: returnUrl() }">Create an account</a>
      </p>
    </div>
  `,
  styleUrl: './auth-page.css',
})
export class LoginPage {
  /** Query parameter: where to go after logging in. */
  readonly returnUrl = input<string | undefined>();
}
