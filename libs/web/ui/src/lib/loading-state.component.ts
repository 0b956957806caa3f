import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatProgressSpinner } from '@angular/material/progress-spinner';

/** A centred spinner with a text a screen reader announces. */
@Component({
  selector: 'cs-loading-state',
  imports: [MatProgressSpinner],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="cs-loading" role="status" aria-live="polite" data-testid="loading">
      <mat-progress-spinner mode="indeterminate" [diameter]="diameter()" aria-hidden="true" />
      <span>{{ label() }}</span>
    </div>
  `,
  styles: `
    .cs-loading {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 12px;
      padding: 24px;
    }
  `,
})
export class LoadingStateComponent {
  readonly label = input('Loading…');
  readonly diameter = input(28);
}
