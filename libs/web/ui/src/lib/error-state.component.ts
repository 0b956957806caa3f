import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';

/** A plain-words error with an optional "Try again" button. */
@Component({
  selector: 'cs-error-state',
  imports: [MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="cs-error" role="alert" data-testid="error-state">
      <p class="cs-error__title">{{ title() }}</p>
      @if (message()) {
        <p>{{ message() }}</p>
      }
      @if (retryable()) {
        <button mat-stroked-button type="button" (click)="retry.emit()">Try again</button>
      }
    </div>
  `,
  styles: `
    .cs-error {
      padding: 24px;
      text-align: center;
    }
    .cs-error__title {
      font-weight: 600;
    }
  `,
})
export class ErrorStateComponent {
  readonly title = input('Something went wrong.');
  readonly message = input<string | null>(null);
  readonly retryable = input(true);
  readonly retry = output<void>();
}
