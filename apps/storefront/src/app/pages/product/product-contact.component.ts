import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ProductDto, ShopPresence } from '@callshop/contracts';
import { ProductCallButtonsComponent, injectShopPresence } from '@callshop/web/calls-ui';
import { ProductSellerLineComponent } from './product-seller-line.component';

/**
 * The product page's seller line with live status and the call buttons. It brings the call
 * layer with it (the buttons place calls, the live status comes over the socket), so the
 * product page loads it after its first paint; until then the page shows the same seller line
 * with the status the REST answer gave.
 */
@Component({
  selector: 'cs-product-contact',
  imports: [ProductSellerLineComponent, ProductCallButtonsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <cs-product-seller-line [shop]="product().shop" [presence]="presence()" />
    <cs-product-call-buttons [product]="product()" [presence]="presence()" [phoneNumber]="phoneNumber()" />
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class ProductContactComponent {
  readonly product = input.required<ProductDto>();
  /** The shop's status from REST, shown until the socket reports (signed in only). */
  readonly fallbackPresence = input<ShopPresence | null>(null);
  /** The shop's phone number when already loaded (undefined: the call dialog loads it). */
  readonly phoneNumber = input<string | undefined>(undefined);

  protected readonly presence = injectShopPresence(
    () => this.product().shop.id,
    () => this.fallbackPresence(),
  );
}
