import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ProductDto } from '@callshop/contracts';
import { PricePipe } from '@callshop/web/ui';

/**
 * One product in a grid: image, name, price and shop; the whole card links to the product.
 * Cards in the first row (`aboveTheFold`) load their image at once and first: one of them is
 * the page's largest paint.
 */
@Component({
  selector: 'cs-product-card',
  imports: [RouterLink, PricePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="card" [routerLink]="['/products', product().id]" data-testid="product-card">
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
      </div>
    </a>
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
  `,
})
export class ProductCardComponent {
  readonly product = input.required<ProductDto>();
  readonly aboveTheFold = input(false);
}
