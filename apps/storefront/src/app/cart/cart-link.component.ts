import { ChangeDetectionStrategy, Component, afterNextRender, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { CartStore } from './cart.store';

/** The header's "Cart" link with the number of units in it. Plain CSS: it is on every first paint. */
@Component({
  selector: 'cs-cart-link',
  imports: [RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a
      class="cart"
      routerLink="/cart"
      routerLinkActive="active"
      data-testid="cart-link"
      [attr.aria-label]="'Cart, ' + cart.count() + (cart.count() === 1 ? ' item' : ' items')"
    >
      Cart
      @if (cart.count()) {
        <span class="badge" data-testid="cart-count" aria-hidden="true">{{ cart.count() }}</span>
      }
    </a>
  `,
  styles: `
    .cart {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      height: 40px;
      padding: 0 12px;
      border-radius: 20px;
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
      text-decoration: none;
    }
    .cart:hover {
      background: color-mix(in srgb, var(--mat-sys-primary) 8%, transparent);
    }
    .active {
      text-decoration: underline;
    }
    .badge {
      min-width: 20px;
      height: 20px;
      padding: 0 6px;
      box-sizing: border-box;
      border-radius: 10px;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      font-size: 0.75rem;
      line-height: 20px;
      text-align: center;
    }
  `,
})
export class CartLinkComponent {
  protected readonly cart = inject(CartStore);

  constructor() {
    // The account's cart loads after the first page is painted.
    afterNextRender(() => this.cart.start());
  }
}
