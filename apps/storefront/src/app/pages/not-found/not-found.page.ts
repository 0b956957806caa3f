import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'cs-not-found-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <h1>Page not found</h1>
      <p>We could not find that page. <a routerLink="/">Go to the catalog</a></p>
    </div>
  `,
})
export class NotFoundPage {}
