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
import { CallManager, callStatusLabel } from '@callshop/web/calls-ui';
import { DurationPipe, ErrorStateComponent, LoadingStateComponent } from '@callshop/web/ui';
import { callbackStatusLabel } from './call-labels';

const PAGE_SIZE = 20;

/** The customer's calls (shop, product, direction, status, duration, time) and callback requests. */
@Component({
  selector: 'cs-my-calls-page',
  imports: [DatePipe, RouterLink, MatButton, DurationPipe, LoadingStateComponent, ErrorStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <h1>My calls</h1>
      <section aria-labelledby="calls-heading">
        <h2 id="calls-heading">Calls</h2>
        @if (calls.isLoading() && !calls.hasValue()) {
          <cs-loading-state label="Loading your calls…" />
        } @else if (calls.error()) {
          <cs-error-state
            title="We could not load your calls."
            [message]="describe(calls.error())"
            (retry)="calls.reload()"
          />
        } @else if (calls.hasValue()) {
          @let page = calls.value();
          @if (page.items.length === 0) {
            <p>No calls yet. Open a product and press "Video Call Seller" to talk to its shop.</p>
          } @else {
            <div class="table-wrap">
              <table data-testid="call-history">
                <caption class="visually-hidden">
                  Your calls, newest first
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Shop</th>
                    <th scope="col">Product</th>
                    <th scope="col">Direction</th>
                    <th scope="col">Status</th>
                    <th scope="col">Duration</th>
                    <th scope="col">Time</th>
                  </tr>
                </thead>
                <tbody>
                  @for (call of page.items; track call.id) {
                    <tr>
                      <td>
                        <a [routerLink]="['/shops', call.shop.id]">{{ call.shop.name }}</a>
                      </td>
                      <td>
                        @if (call.product) {
                          <a [routerLink]="['/products', call.product.id]">{{ call.product.name }}</a>
                        } @else {
                          —
                        }
                      </td>
                      <td>
                        {{ call.direction === 'outgoing' ? 'Outgoing' : 'Incoming' }}
                        {{ call.type === 'audio' ? 'voice' : 'video' }}
                      </td>
                      <td data-testid="call-history-status">
                        {{ statusLabel(call) }}
                      </td>
                      <td>{{ call.durationSeconds | csDuration }}</td>
                      <td>
                        <time [attr.datetime]="call.createdAt">{{ call.createdAt | date: 'medium' }}</time>
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
            @if (page.total > page.limit) {
              <nav class="pager" aria-label="Call pages">
                <button
                  mat-stroked-button
                  type="button"
                  [disabled]="callsPage() <= 1"
                  (click)="callsPage.set(callsPage() - 1)"
                >
                  Previous page
                </button>
                <span>Page {{ callsPage() }} of {{ callPages() }}</span>
                <button
                  mat-stroked-button
                  type="button"
                  [disabled]="callsPage() >= callPages()"
                  (click)="callsPage.set(callsPage() + 1)"
                >
                  Next page
                </button>
              </nav>
            }
          }
        }
      </section>

      <section aria-labelledby="callbacks-heading">
        <h2 id="callbacks-heading">Callback requests</h2>
        @if (callbacks.isLoading() && !callbacks.hasValue()) {
          <cs-loading-state label="Loading your callback requests…" />
        } @else if (callbacks.error()) {
          <cs-error-state
            title="We could not load your callback requests."
            [message]="describe(callbacks.error())"
            (retry)="callbacks.reload()"
          />
        } @else if (callbacks.hasValue()) {
          <ul class="callbacks" data-testid="callback-list">
            @for (cb of callbacks.value().items; track cb.id) {
              <li>
                <div>
                  <strong>{{ cb.shop.name }}</strong>
                  @if (cb.product) {
                    about {{ cb.product.name }}
                  }
                </div>
                <div>
                  {{ cb.preference === 'video' ? 'Video call' : 'Phone call' }} ·
                  <span data-testid="callback-status">{{ callbackLabel(cb.status) }}</span>
                  · <time [attr.datetime]="cb.createdAt">{{ cb.createdAt | date: 'medium' }}</time>
                </div>
                @if (cb.note) {
                  <div class="note">“{{ cb.note }}”</div>
                }
                @if (cb.status === 'open') {
                  <button
                    mat-button
                    type="button"
                    (click)="cancelCallback(cb)"
                    [attr.aria-label]="'Cancel callback request to ' + cb.shop.name"
                  >
                    Cancel request
                  </button>
                }
              </li>
            } @empty {
              <li>No callback requests. On a product page, "Call Seller" lets you ask for one.</li>
            }
          </ul>
          @if (actionError()) {
            <p role="alert" class="error">{{ actionError() }}</p>
          }
        }
      </section>
    </div>
  `,
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
    .pager {
      display: flex;
      gap: 16px;
      align-items: center;
      margin: 16px 0;
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
