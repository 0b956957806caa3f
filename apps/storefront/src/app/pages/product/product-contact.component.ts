import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { ProductDto, ShopPresence } from '@callshop/contracts';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { AuthSession } from '@callshop/web/core';
import { ProductCallButtonsComponent, injectShopPresence, openBookAppointment } from '@callshop/web/calls-ui';
import { ProductSellerLineComponent } from './product-seller-line.component';

/**
 * The product page's seller line with live status and the call buttons. It brings the call
 * layer with it (the buttons place calls, the live status comes over the socket), so the
 * product page loads it after its first paint; until then the page shows the same seller line
 * with the status the REST answer gave.
 */
@Component({
  selector: 'cs-product-contact',
  imports: [ProductSellerLineComponent, ProductCallButtonsComponent, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <cs-product-seller-line [shop]="product().shop" [presence]="presence()" />
    <cs-product-call-buttons [product]="product()" [presence]="presence()" [phoneNumber]="phoneNumber()" />
    @if (session.role() === 'customer') {
      <button mat-stroked-button type="button" class="book" (click)="book()" data-testid="book-video-call">
        Book a video call
      </button>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .book {
      min-height: 48px;
      margin-top: 12px;
    }
  `,
})
export class ProductContactComponent {
  readonly product = input.required<ProductDto>();
  /** The shop's status from REST, shown until the socket reports (signed in only). */
  readonly fallbackPresence = input<ShopPresence | null>(null);
  /** The shop's phone number when already loaded (undefined: the call dialog loads it). */
  readonly phoneNumber = input<string | undefined>(undefined);

  protected readonly session = inject(AuthSession);
  private readonly dialog = inject(MatDialog);

  /** A video call at a free time of the shop, instead of now. */
  protected book(): void {
    const product = this.product();
    void openBookAppointment(this.dialog, {
      shopId: product.shop.id,
      shopName: product.shop.name,
      productId: product.id,
      productName: product.name,
    });
  }

  protected readonly presence = injectShopPresence(
    () => this.product().shop.id,
    () => this.fallbackPresence(),
  );
}
