import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AddToCartComponent } from '../cart/add-to-cart.component';
import type { ProductDto, ShopPresence } from '@callshop/contracts';
import { OnlineBadgeComponent, PricePipe } from '@callshop/web/ui';
import { openingLabel } from './opening-label';

/**
 * One product in a grid: image, name, price, shop and, once known, whether the shop is online;
 * the whole card links to the product.
 * Cards in the first row (`aboveTheFold`) load their image at once and first: one of them is
 * the page's largest paint.
 */
@Component({
  selector: 'cs-product-card',
  imports: [RouterLink, PricePipe, OnlineBadgeComponent, AddToCartComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="card">
      <a class="link" [routerLink]="['/products', product().id]" data-testid="product-card">
        @if (product().images[0]; as image) {
          <img
            [src]="image"
            alt=""
            [attr.loading]="aboveTheFold() ? 'eager' : 'lazy'"
            [attr.fetchpriority]="aboveTheFold() ? 'high' : null"
            width="320"
            height="240"
          />
        } @else {
          <div class="placeholder" aria-hidden="true">{{ product().name[0] }}</div>
        }
        <div class="body">
          <h3>{{ product().name }}</h3>
          <p class="price">{{ product().price | csPrice: product().currency }}</p>
          <p class="shop">{{ product().shop.name }}</p>
          <!-- The line is there from the first paint, so the status arriving later moves nothing. -->
          <div class="status" data-testid="card-shop-status">
            @if (closedLabel(); as closed) {
              <span class="closed">{{ closed }}</span>
            } @else if (presence(); as p) {
              <cs-online-badge [online]="p.online" [available]="p.available" />
            }
          </div>
        </div>
      </a>
      <!-- Outside the link: a button inside a link is neither valid nor reachable by keyboard. -->
      <cs-add-to-cart class="add" [product]="product()" />
    </div>
  `,
  styles: `
    .card {
      display: flex;
      flex-direction: column;
      height: 100%;
      text-decoration: none;
      color: inherit;
      border-radius: 12px;
      overflow: hidden;
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .link {
      display: flex;
      flex-direction: column;
      flex: 1;
      text-decoration: none;
      color: inherit;
    }
    .add {
      padding: 0 12px 4px;
    }
    .card:hover {
      box-shadow: 0 4px 16px rgb(0 0 0 / 12%);
    }
    img,
    .placeholder {
      width: 100%;
      aspect-ratio: 4 / 3;
      object-fit: cover;
      background: var(--mat-sys-surface-container-highest);
    }
    .placeholder {
      display: grid;
      place-items: center;
      font-size: 3rem;
    }
    .body {
      padding: 12px;
    }
    h3 {
      margin: 0 0 4px;
      font-size: 1rem;
    }
    .price {
      margin: 0;
      font-weight: 600;
    }
    .shop {
      margin: 4px 0 0;
      font-size: 0.85rem;
      opacity: 0.8;
    }
    .status {
      height: 1.25rem;
      margin-top: 4px;
      font-size: 0.8rem;
    }
    .closed {
      font-size: 0.875rem;
      opacity: 0.8;
    }
  `,
})
export class ProductCardComponent {
  readonly product = input.required<ProductDto>();
  readonly aboveTheFold = input(false);
  /** The shop's status, once the page knows it. */
  readonly presence = input<ShopPresence | null | undefined>(undefined);
  /** Outside the shop's opening hours: "Closed · Opens Monday at 09:00" (the visitor's time). */
  protected readonly closedLabel = computed(() => {
    const hours = this.presence()?.hours;
    return hours && !hours.openNow ? `Closed · ${openingLabel(hours, new Date())}` : null;
  });
}
