import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { CartLineDto } from '@callshop/contracts';
import { PricePipe } from '@callshop/web/ui';
import { CartStore } from '../../cart/cart.store';

/** The cart: products by shop, quantities within the stock, totals, and the way to checkout. */
@Component({
  selector: 'cs-cart-page',
  imports: [RouterLink, MatButton, PricePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <h1>Your cart</h1>
      @if (error(); as text) {
        <p class="error" role="alert">{{ text }}</p>
      }
      @if (!cart.lines().length) {
        <p data-testid="cart-empty">Your cart is empty. <a routerLink="/">Browse the catalog</a></p>
      } @else {
        <ul class="lines" aria-label="Products in your cart">
          @for (line of cart.lines(); track line.productId) {
            <li class="line" data-testid="cart-line">
              @if (line.image) {
                <img [src]="line.image" alt="" width="96" height="72" />
              } @else {
                <span class="noimg" aria-hidden="true">{{ line.name[0] }}</span>
              }
              <div class="what">
                <a [routerLink]="['/products', line.productId]" class="name">{{ line.name }}</a>
                <span class="shop">Sold by {{ line.shop.name }}</span>
                <span>{{ line.price | csPrice: line.currency }} each</span>
                @if (!line.available) {
                  <span class="warn">No longer sold: remove it to check out.</span>
                } @else if (line.quantity > line.stock) {
                  <span class="warn">
                    {{ line.stock === 0 ? 'Sold out' : 'Only ' + line.stock + ' left' }}: lower the quantity.
                  </span>
                }
              </div>
              <div class="qty" role="group" [attr.aria-label]="'Quantity of ' + line.name">
                <button
                  type="button"
                  mat-stroked-button
                  [disabled]="busy() || line.quantity <= 1 || !line.available"
                  [attr.aria-label]="'One less ' + line.name"
                  (click)="change(line, line.quantity - 1)"
                >
                  −
                </button>
                <span class="n" data-testid="cart-quantity">{{ line.quantity }}</span>
                <button
                  type="button"
                  mat-stroked-button
                  [disabled]="busy() || line.quantity >= line.stock || !line.available"
                  [attr.aria-label]="'One more ' + line.name"
                  (click)="change(line, line.quantity + 1)"
                >
                  +
                </button>
              </div>
              <button type="button" mat-button [disabled]="busy()" (click)="remove(line)">
                Remove<span class="sr"> {{ line.name }}</span>
              </button>
            </li>
          }
        </ul>
        <div class="summary">
          <p class="total" data-testid="cart-total">
            Total:
            @for (t of cart.totals(); track t.currency; let last = $last) {
              <strong>{{ t.amount | csPrice: t.currency }}</strong>{{ last ? '' : ' + ' }}
            }
          </p>
          @if (shops() > 1) {
            <p class="hint">Products from {{ shops() }} shops: each shop gets its own order.</p>
          }
          @if (!cart.onAccount()) {
            <p class="hint">You will log in before checking out; your cart comes with you.</p>
          }
          <a
            mat-flat-button
            routerLink="/checkout"
            [class.disabled]="!canCheckout()"
            [attr.aria-disabled]="!canCheckout()"
          >
            Check out
          </a>
        </div>
      }
    </div>
  `,
  styles: `
    .lines {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .line {
      display: grid;
      grid-template-columns: 96px 1fr auto auto;
      gap: 12px;
      align-items: center;
      padding: 12px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .line img,
    .noimg {
      width: 96px;
      height: 72px;
      object-fit: cover;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-highest);
      display: grid;
      place-items: center;
    }
    .what {
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .name {
      font-weight: 600;
    }
    .shop,
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
    .warn,
    .error {
      color: var(--mat-sys-error);
    }
    .qty {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .qty button {
      min-width: 40px;
      padding: 0;
    }
    .n {
      min-width: 2ch;
      text-align: center;
    }
    .summary {
      margin-top: 16px;
    }
    .disabled {
      pointer-events: none;
      opacity: 0.5;
    }
    .sr {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    @media (max-width: 599px) {
      .line {
        grid-template-columns: 72px 1fr;
      }
      .line img,
      .noimg {
        width: 72px;
        height: 54px;
      }
    }
  `,
})
export class CartPage implements OnInit {
  protected readonly cart = inject(CartStore);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly shops = computed(() => new Set(this.cart.lines().map((l) => l.shop.id)).size);
  protected readonly canCheckout = computed(
    () => this.cart.count() > 0 && this.cart.lines().every((l) => l.available && l.quantity <= l.stock),
  );

  ngOnInit(): void {
    this.cart.start();
    void this.act(() => this.cart.refresh());
  }

  protected change(line: CartLineDto, quantity: number): Promise<void> {
    return this.act(() => this.cart.setQuantity(line, quantity));
  }

  protected remove(line: CartLineDto): Promise<void> {
    return this.act(() => this.cart.remove(line));
  }

  private async act(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await action();
    } catch (err) {
      this.error.set((err as Error).message);
    } finally {
      this.busy.set(false);
    }
  }
}
