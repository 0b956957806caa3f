import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { CallDto } from '@callshop/contracts';
import { PricePipe } from '@callshop/web/ui';
import { storefrontProductUrl } from './product-link';

/** What the customer is asking about, beside the video during a call. */
@Component({
  selector: 'cs-call-product-panel',
  imports: [PricePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="title">About this call</h2>
    <p class="who">
      <span class="cs-muted">Customer</span><br />
      <strong data-testid="call-customer">{{ call().customer.name }}</strong>
    </p>
    @if (call().product; as product) {
      <figure class="product" data-testid="call-product">
        @if (product.image) {
          <img [src]="product.image" [alt]="product.name" width="300" height="300" />
        }
        <figcaption>
          <strong>{{ product.name }}</strong>
          <span>{{ product.price | csPrice: product.currency }}</span>
          <a class="open" [href]="productUrl()" target="_blank" rel="noopener">Open product page</a>
        </figcaption>
      </figure>
    } @else {
      <p class="cs-muted">This call is not about a particular product.</p>
    }
  `,
  styles: `
    .title {
      font-size: 1.1rem;
      margin: 0 0 12px;
    }
    .product {
      margin: 0;
    }
    .product img {
      width: 100%;
      height: auto;
      max-height: 260px;
      object-fit: contain;
      border-radius: 8px;
      background: #f4f4f4;
    }
    figcaption {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-top: 8px;
    }
    /* A thumb-sized target on a phone, like every other control in the call view. */
    .open {
      display: inline-flex;
      align-items: center;
      align-self: flex-start;
      min-height: 48px;
    }
  `,
})
export class CallProductPanelComponent {
  readonly call = input.required<CallDto>();
  protected readonly productUrl = computed(() => {
    const product = this.call().product;
    return product ? storefrontProductUrl(product.id) : null;
  });
}
