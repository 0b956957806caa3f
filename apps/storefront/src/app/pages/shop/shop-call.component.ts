import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import type { ProductDto, ShopPresence } from '@callshop/contracts';
import { ProductCallButtonsComponent } from '@callshop/web/calls-ui';

/**
 * The shop page's call buttons. A call is about a product, so the customer picks which one
 * (the first on the page by default); the buttons are the product page's. It brings the call
 * layer with it, so the shop page loads it after its first paint.
 */
@Component({
  selector: 'cs-shop-call',
  imports: [ProductCallButtonsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (product(); as chosen) {
      @if (products().length > 1) {
        <label class="about">
          <span>Call about</span>
          <select (change)="chosenId.set($any($event.target).value)" data-testid="shop-call-product">
            @for (p of products(); track p.id) {
              <option [value]="p.id" [selected]="p.id === chosen.id">{{ p.name }}</option>
            }
          </select>
        </label>
      }
      <cs-product-call-buttons [product]="chosen" [presence]="presence()" [phoneNumber]="phoneNumber()" />
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .about {
      display: inline-flex;
      gap: 8px;
      align-items: center;
      margin-bottom: 8px;
    }
  `,
})
export class ShopCallComponent {
  /** The products on the page a call can be about. */
  readonly products = input.required<readonly ProductDto[]>();
  readonly presence = input<ShopPresence | null>(null);
  readonly phoneNumber = input<string | null | undefined>(undefined);
  protected readonly chosenId = signal<string | null>(null);
  protected readonly product = computed(() => {
    const all = this.products();
    return all.find((p) => p.id === this.chosenId()) ?? all[0] ?? null;
  });
}
