import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { CALL_RATING_LIMITS, type CallRatingDto } from '@callshop/contracts';
import { CallsApi, describeError } from '@callshop/web/core';
import { firstValueFrom } from 'rxjs';

/**
 * The customer rates a call that connected and ended: 1 to 5 stars (radio buttons, so a
 * keyboard and a screen reader choose as easily as a pointer) and an optional comment, once.
 * Given the call's `rating`, it shows it instead.
 */
@Component({
  selector: 'cs-call-rating',
  imports: [MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (saved(); as r) {
      <p class="cs-rated" data-testid="call-rating-done" role="status">
        You rated this call {{ r.stars }} of 5<span aria-hidden="true"> {{ starsText(r.stars) }}</span>
        @if (r.comment) {
          : “{{ r.comment }}”
        }
      </p>
    } @else {
      <form class="cs-rating" data-testid="call-rating-form" (submit)="submit($event)">
        <fieldset>
          <legend>How was the call?</legend>
          <div class="cs-stars">
            @for (n of starValues; track n) {
              <label class="cs-star" [class.cs-on]="n <= stars()">
                <input
                  type="radio"
                  name="stars"
                  [value]="n"
                  [checked]="stars() === n"
                  (change)="stars.set(n)"
                  [attr.aria-label]="n + (n === 1 ? ' star' : ' stars')"
                />
                <span aria-hidden="true">★</span>
              </label>
            }
          </div>
        </fieldset>
        <label class="cs-comment">
          Comment (optional)
          <textarea
            rows="2"
            [attr.maxlength]="commentMax"
            [value]="comment()"
            (input)="comment.set($any($event.target).value)"
          ></textarea>
        </label>
        @if (error(); as e) {
          <p class="cs-error" role="alert">{{ e }}</p>
        }
        <button mat-flat-button class="cs-send" type="submit" [disabled]="!stars() || busy()">
          Send rating
        </button>
      </form>
    }
  `,
  styles: `
    .cs-send {
      min-height: 44px;
    }
    fieldset {
      border: none;
      margin: 0;
      padding: 0;
    }
    legend {
      font-weight: 600;
      padding: 0;
    }
    .cs-stars {
      display: flex;
      gap: 4px;
    }
    .cs-star {
      position: relative;
      font-size: 1.75rem;
      line-height: 1;
      min-width: 44px;
      min-height: 44px;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      cursor: pointer;
      color: #9e9e9e;
    }
    .cs-star.cs-on {
      color: #f9a825;
    }
    .cs-star span {
      pointer-events: none;
    }
    .cs-star input {
      position: absolute;
      z-index: 1;
      opacity: 0;
      inset: 0;
      margin: 0;
      cursor: pointer;
    }
    .cs-star:has(input:focus-visible) {
      outline: 3px solid var(--cs-focus-ring, #1a73e8);
      outline-offset: 2px;
    }
    .cs-rating {
      display: flex;
      flex-direction: column;
      gap: 8px;
      align-items: flex-start;
    }
    .cs-comment {
      display: flex;
      flex-direction: column;
      gap: 4px;
      width: 100%;
      max-width: 420px;
    }
    .cs-comment textarea {
      font: inherit;
      padding: 6px;
    }
    .cs-error {
      color: #b3261e;
      margin: 0;
    }
  `,
})
export class CallRatingComponent {
  private readonly api = inject(CallsApi);
  readonly callId = input.required<string>();
  /** The call's rating, when it has one. */
  readonly rating = input<CallRatingDto | null | undefined>(null);
  readonly rated = output<CallRatingDto>();

  protected readonly starValues = [1, 2, 3, 4, 5];
  protected readonly commentMax = CALL_RATING_LIMITS.commentMax;
  protected readonly saved = linkedSignal(() => this.rating() ?? null);
  protected readonly stars = signal(0);
  protected readonly comment = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected starsText(n: number): string {
    return '★'.repeat(n) + '☆'.repeat(5 - n);
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.stars() || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const comment = this.comment().trim();
      const rating = await firstValueFrom(
        this.api.rate(this.callId(), { stars: this.stars(), ...(comment ? { comment } : {}) }),
      );
      this.saved.set(rating);
      this.rated.emit(rating);
    } catch (err) {
      this.error.set(describeError(err, 'Your rating could not be sent.'));
    } finally {
      this.busy.set(false);
    }
  }
}
