import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';

/** "Previous page", "Page 2 of 5", "Next page" for a list shown a page at a time. */
@Component({
  selector: 'cs-pager',
  imports: [MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="cs-pager" [attr.aria-label]="label()">
      <button mat-stroked-button type="button" [disabled]="page() <= 1" (click)="pageChange.emit(page() - 1)">
        Previous page
      </button>
      <span>Page {{ page() }} of {{ pages() }}</span>
      <button
        mat-stroked-button
        type="button"
        [disabled]="page() >= pages()"
        (click)="pageChange.emit(page() + 1)"
      >
        Next page
      </button>
    </nav>
  `,
  styles: `
    .cs-pager {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 16px;
      margin: 24px 0;
      flex-wrap: wrap;
    }
  `,
})
export class PagerComponent {
  /** The page shown, from 1. */
  readonly page = input.required<number>();
  readonly pages = input.required<number>();
  /** The navigation landmark's name, e.g. "Call pages". */
  readonly label = input('Pages');
  readonly pageChange = output<number>();
}
