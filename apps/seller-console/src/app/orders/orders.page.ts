import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { ORDER_STATUSES, ORDER_STATUS_LABELS, type OrderDto, type OrderStatus } from '@callshop/contracts';
import { OrdersApi, describeError } from '@callshop/web/core';
import { PricePipe } from '@callshop/web/ui';
import { orderActions } from './order-actions';

const PAGE_SIZE = 20;
/** New orders show up without a reload, this often, while the tab is visible. */
const REFRESH_MS = 30_000;

/** The shop's orders, newest first, filtered by status; each moves on with one click. */
@Component({
  selector: 'cs-orders-page',
  imports: [DatePipe, PricePipe, MatButtonModule, MatPaginatorModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <h1>Orders</h1>
      <label class="filter">
        Status
        <select
          [value]="status() ?? ''"
          (change)="filter($any($event.target).value)"
          data-testid="order-filter"
        >
          <option value="">All</option>
          @for (s of statuses; track s) {
            <option [value]="s">{{ labels[s] }}</option>
          }
        </select>
      </label>
      @if (error(); as text) {
        <p class="cs-error" role="alert">{{ text }}</p>
      }
      @if (orders.isLoading() && !orders.hasValue()) {
        <p role="status">Loading orders…</p>
      } @else if (orders.error()) {
        <p class="cs-error" role="alert">
          {{ loadError() }} <button mat-button type="button" (click)="orders.reload()">Try again</button>
        </p>
      } @else if (orders.hasValue()) {
        @let result = orders.value();
        @if (!result.items.length) {
          <p>No orders{{ status() ? ' ' + labels[status()!].toLowerCase() : '' }} yet.</p>
        }
        @for (order of result.items; track order.id) {
          <article class="order" data-testid="order" [attr.data-order-id]="order.id">
            <header>
              <h2>{{ order.customer.name }}</h2>
              <span class="status {{ order.status }}" data-testid="order-status">{{
                labels[order.status]
              }}</span>
              <span class="when">{{ order.createdAt | date: 'medium' }}</span>
              @if (order.assistedBy; as assist) {
                <span class="assisted" data-testid="order-assisted" [attr.data-call-id]="assist.callId">
                  Assisted by a call on {{ assist.connectedAt | date: 'short' }}
                </span>
              }
            </header>
            <ul>
              @for (item of order.items; track $index) {
                <li>{{ item.quantity }} × {{ item.name }} · {{ item.price | csPrice: item.currency }}</li>
              }
            </ul>
            <p>
              Total <strong>{{ order.total.amount | csPrice: order.total.currency }}</strong> · Cash on
              delivery ({{
                order.paymentStatus === 'paid'
                  ? 'paid'
                  : order.paymentStatus === 'void'
                    ? 'void'
                    : 'to collect'
              }})
            </p>
            <address>
              {{ address(order) }}
              @if (order.shippingAddress.phone; as phone) {
                · <a [href]="'tel:' + phone">{{ phone }}</a>
              }
            </address>
            <div class="actions">
              @for (action of actions(order); track action.status) {
                @if (action.status === 'cancelled') {
                  <button
                    mat-stroked-button
                    type="button"
                    [disabled]="busy()"
                    (click)="move(order, action.status)"
                  >
                    {{ action.label }}
                  </button>
                } @else {
                  <button
                    mat-flat-button
                    type="button"
                    [disabled]="busy()"
                    (click)="move(order, action.status)"
                  >
                    {{ action.label }}
                  </button>
                }
              }
            </div>
          </article>
        }
        @if (result.total > pageSize) {
          <mat-paginator
            [length]="result.total"
            [pageSize]="pageSize"
            [pageIndex]="page() - 1"
            [hidePageSize]="true"
            (page)="turn($event)"
            aria-label="Order pages"
          />
        }
      }
    </section>
  `,
  styles: `
    .page {
      padding: 16px;
      max-width: 960px;
    }
    .filter {
      display: inline-flex;
      gap: 8px;
      align-items: center;
      margin-bottom: 8px;
    }
    .filter select {
      height: 36px;
    }
    .order {
      padding: 12px 0 16px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    header {
      display: flex;
      gap: 12px;
      align-items: center;
      flex-wrap: wrap;
    }
    h2 {
      margin: 0;
      font-size: 1.1rem;
    }
    .when {
      color: var(--mat-sys-on-surface-variant);
    }
    .status {
      padding: 2px 10px;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font-weight: 600;
    }
    .assisted {
      padding: 2px 10px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .status.cancelled {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    address {
      font-style: normal;
      margin-bottom: 8px;
    }
    .actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
  `,
})
export class OrdersPage {
  private readonly api = inject(OrdersApi);
  protected readonly statuses = ORDER_STATUSES;
  protected readonly labels = ORDER_STATUS_LABELS;
  protected readonly pageSize = PAGE_SIZE;
  protected readonly status = signal<OrderStatus | null>(null);
  protected readonly page = signal(1);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly orders = rxResource({
    params: () => ({ status: this.status() ?? undefined, page: this.page() }),
    stream: ({ params }) => this.api.list({ ...params, limit: PAGE_SIZE }),
  });
  protected readonly loadError = computed(() => describeError(this.orders.error()));

  constructor() {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && !this.busy() && !this.orders.isLoading())
        this.orders.reload();
    }, REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected address(order: OrderDto): string {
    const a = order.shippingAddress;
    return [a.name, a.line1, a.line2, `${a.postalCode} ${a.city}`, a.country].filter(Boolean).join(', ');
  }

  protected actions(order: OrderDto) {
    return orderActions(order.status);
  }

  protected filter(value: string): void {
    this.status.set((ORDER_STATUSES as readonly string[]).includes(value) ? (value as OrderStatus) : null);
    this.page.set(1);
  }

  protected turn(event: PageEvent): void {
    this.page.set(event.pageIndex + 1);
  }

  protected move(order: OrderDto, status: OrderStatus): void {
    this.busy.set(true);
    this.error.set(null);
    this.api.changeStatus(order.id, status).subscribe({
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
