import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { CallHistoryItem, CallbackRequestDto } from '@callshop/contracts';
import { CallSocket, CallbacksApi, CallsApi, describeError } from '@callshop/web/core';
import {
  CallConversationComponent,
  CallManager,
  CallRatingComponent,
  callStatusLabel,
} from '@callshop/web/calls-ui';
import { DurationPipe, ErrorStateComponent, LoadingStateComponent, PagerComponent } from '@callshop/web/ui';
import { provideCallAddToCart } from '../../cart/call-add-to-cart';
import { callbackStatusLabel } from './call-labels';

const PAGE_SIZE = 20;

/** The customer's calls (shop, product, direction, status, duration, time) and callback requests. */
@Component({
  selector: 'cs-my-calls-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButton,
    DurationPipe,
    LoadingStateComponent,
    ErrorStateComponent,
    PagerComponent,
    CallConversationComponent,
    CallRatingComponent,
  ],
  // Add to cart on the product cards of a call's messages (see CallLayerComponent).
  providers: [provideCallAddToCart()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './my-calls.page.html',
  styles: `
    .table-wrap {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      min-width: 640px;
    }
    th,
    td {
      text-align: left;
      padding: 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    /* Below 600 px each call is a card: no sideways scrolling, status and talk time in view. */
    @media (max-width: 599px) {
      table {
        min-width: 0;
      }
      thead {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
      }
      tbody,
      tr,
      td {
        display: block;
      }
      tr {
        padding: 8px 0;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
      td {
        display: grid;
        grid-template-columns: 6.5rem 1fr;
        gap: 8px;
        padding: 2px 0;
        border: none;
      }
      td::before {
        content: attr(data-label);
        font-weight: 600;
        color: var(--mat-sys-on-surface-variant);
      }
      /* The shop and product links stack in a card: each a thumb-sized target of its own. */
      td a {
        display: inline-flex;
        align-items: center;
        min-height: 44px;
      }
      td:has(a) {
        align-items: center;
      }
    }
    .callbacks {
      list-style: none;
      padding: 0;
    }
    .callbacks li {
      padding: 12px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .note {
      font-style: italic;
    }
    .error {
      color: #b3261e;
    }
  `,
})
export class MyCallsPage {
  private readonly callsApi = inject(CallsApi);
  private readonly callbacksApi = inject(CallbacksApi);
  private readonly manager = inject(CallManager);

  protected readonly callsPage = signal(1);
  protected readonly actionError = signal<string | null>(null);
  /** The call whose messages are shown under its row. */
  protected readonly conversation = signal<string | null>(null);
  protected readonly calls = rxResource({
    params: () => ({ page: this.callsPage(), limit: PAGE_SIZE }),
    stream: ({ params }) => this.callsApi.history(params),
  });
  protected readonly callbacks = rxResource({
    params: () => ({ limit: 50 }),
    stream: ({ params }) => this.callbacksApi.list(params),
  });
  protected readonly callPages = computed(() =>
    this.calls.hasValue() ? Math.max(1, Math.ceil(this.calls.value().total / PAGE_SIZE)) : 1,
  );
  /** A call that connected and ended may be rated by the customer (once). */
  protected rateable(call: CallHistoryItem): boolean {
    return !!call.connectedAt && call.status !== 'ringing' && call.status !== 'accepted';
  }
  protected statusLabel(call: CallHistoryItem): string {
    return callStatusLabel(call, 'customer');
  }
  protected readonly callbackLabel = callbackStatusLabel;
  protected readonly describe = (error: unknown) => describeError(error);

  constructor() {
    // A call that just ended belongs in the list.
    effect(() => {
      if (this.manager.phase() === 'ended') untracked(() => this.calls.reload());
    });
    const sub = inject(CallSocket)
      .on('callback:updated')
      .subscribe(() => this.callbacks.reload());
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }

  protected cancelCallback(cb: CallbackRequestDto): void {
    this.actionError.set(null);
    this.callbacksApi.update(cb.id, { status: 'cancelled' }).subscribe({
      next: () => this.callbacks.reload(),
      error: (err) => this.actionError.set(describeError(err, 'The request could not be cancelled.')),
    });
  }
}
