import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { CUSTOMER_ORDER_TRANSITIONS, ORDER_STATUS_LABELS, type OrderDto } from '@callshop/contracts';
import { OrdersApi, describeError } from '@callshop/web/core';
import { ErrorStateComponent, LoadingStateComponent, PagerComponent, PricePipe } from '@callshop/web/ui';

const PAGE_SIZE = 10;

/** The customer's orders, newest first: shop, products, total, where it goes, and its status. */
@Component({
  selector: 'cs-my-orders-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButton,
    PricePipe,
    LoadingStateComponent,
    ErrorStateComponent,
    PagerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <h1>My orders</h1>
      @if (placed()) {
        <p class="placed" role="status" data-testid="order-placed">
          Thank you!
          {{ placed() === '1' ? 'Your order is placed' : placed() + ' orders are placed, one per shop' }}. Pay
          in cash when it arrives.
        </p>
      }
      @if (error(); as text) {
        <p class="error" role="alert">{{ text }}</p>
      }
      @if (orders.isLoading() && !orders.hasValue()) {
        <cs-loading-state label="Loading your orders…" />
      } @else if (orders.error()) {
        <cs-error-state
          title="We could not load your orders."
          [message]="loadError()"
          (retry)="orders.reload()"
        />
      } @else if (orders.hasValue()) {
        @let result = orders.value();
        @if (!result.items.length) {
          <p>No orders yet. <a routerLink="/">Browse the catalog</a></p>
        }
        @for (order of result.items; track order.id) {
          <article class="order" data-testid="order" [attr.data-order-id]="order.id">
            <header>
              <h2>
                <a [routerLink]="['/shops', order.shop.id]">{{ order.shop.name }}</a>
              </h2>
              <span class="status {{ order.status }}" data-testid="order-status">{{ label(order) }}</span>
            </header>
            <p class="meta">
              Ordered {{ order.createdAt | date: 'medium' }} · Cash on delivery{{
                order.paymentStatus === 'paid' ? ' (paid)' : ''
              }}
            </p>
            <ul>
              @for (item of order.items; track $index) {
                <li>
                  {{ item.quantity }} ×
                  @if (item.productId) {
                    <a [routerLink]="['/products', item.productId]">{{ item.name }}</a>
                  } @else {
                    {{ item.name }}
                  }
                  · {{ item.price | csPrice: item.currency }}
                </li>
              }
            </ul>
            <p>
              Total <strong>{{ order.total.amount | csPrice: order.total.currency }}</strong> · to
              {{ order.shippingAddress.name }}, {{ order.shippingAddress.line1 }},
              {{ order.shippingAddress.city }}
            </p>
            @if (canCancel(order)) {
              <button mat-stroked-button type="button" [disabled]="busy()" (click)="cancel(order)">
                Cancel order
              </button>
            }
          </article>
        }
        @if (result.total > pageSize) {
          <cs-pager
            label="Order pages"
            [page]="page()"
            [pages]="pagesOf(result.total)"
            (pageChange)="page.set($event)"
          />
        }
      }
    </div>
  `,
  styles: `
    .order {
      padding: 12px 0 16px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    header {
      display: flex;
      align-items: center;
      gap: 12px;
      flex-wrap: wrap;
    }
    h2 {
      margin: 0;
      font-size: 1.1rem;
    }
    .status {
      padding: 2px 10px;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font-weight: 600;
    }
    .status.cancelled {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .meta {
      color: var(--mat-sys-on-surface-variant);
    }
    .placed {
      padding: 12px;
      border-radius: 8px;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class MyOrdersPage {
  private readonly api = inject(OrdersApi);
  /** Query parameter set by checkout: how many orders were just placed. */
  readonly placed = input<string | undefined>();

  protected readonly pageSize = PAGE_SIZE;
  protected readonly page = signal(1);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly orders = rxResource({
    params: () => this.page(),
    stream: ({ params }) => this.api.list({ page: params, limit: PAGE_SIZE }),
  });
  protected readonly loadError = computed(() => describeError(this.orders.error()));

  protected pagesOf(total: number): number {
    return Math.max(1, Math.ceil(total / PAGE_SIZE));
  }

  protected label(order: OrderDto): string {
    return ORDER_STATUS_LABELS[order.status];
  }

  protected canCancel(order: OrderDto): boolean {
    return (CUSTOMER_ORDER_TRANSITIONS[order.status] ?? []).includes('cancelled');
  }

  protected cancel(order: OrderDto): void {
    this.busy.set(true);
    this.error.set(null);
    this.api.changeStatus(order.id, 'cancelled').subscribe({
      next: () => {
        this.busy.set(false);
        this.orders.reload();
      },
      error: (err) => {
        this.busy.set(false);
        this.error.set(describeError(err));
        this.orders.reload();
      },
    });
  }
}
