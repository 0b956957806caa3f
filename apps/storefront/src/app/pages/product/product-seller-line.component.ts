import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ShopPresence, ShopSummary } from '@callshop/contracts';
import { OnlineBadgeComponent } from '@callshop/web/ui';

/** "Sold by <shop>" and the shop's status, as the product page shows it. */
@Component({
  selector: 'cs-product-seller-line',
  imports: [RouterLink, OnlineBadgeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    Sold by
    <a [routerLink]="['/shops', shop().id]" data-testid="shop-link">{{ shop().name }}</a>
    <cs-online-badge [online]="presence()?.online ?? null" [available]="presence()?.available ?? null" />
  `,
  styles: `
    :host {
      display: flex;
      gap: 8px;
      align-items: center;
      flex-wrap: wrap;
      margin-bottom: 16px;
    }
  `,
})
export class ProductSellerLineComponent {
  readonly shop = input.required<ShopSummary>();
  /** The shop's status; null while unknown. */
  readonly presence = input<ShopPresence | null>(null);
}
