import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import type { CallDto, CallProductCard } from '@callshop/contracts';
import { CallsApi } from '@callshop/web/core';
import { PricePipe } from '@callshop/web/ui';
import { firstValueFrom } from 'rxjs';
import { CallManager } from '../call-manager.service';
import { CALL_ADD_TO_CART } from '../chat/call-add-to-cart';
import { PRODUCT_URL } from '../product-url';

/** A product the call was about, as the recap lists it (stock only where a card said it). */
interface DiscussedProduct {
  id: string;
  name: string;
  price: number;
  currency: string;
  image: string | null;
  stock: number | null;
}

/**
 * After a customer's call that connected: the products it was about (the call's own product and
 * every card the shop sent into it), each with "Add to cart" where the app has a cart, and
 * "Call again" with the same shop about the same product.
 */
@Component({
  selector: 'cs-call-recap',
  imports: [MatButton, PricePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="cs-recap" aria-labelledby="cs-recap-title" data-testid="call-recap">
      @if (products().length) {
        <h3 id="cs-recap-title">Discussed in the call</h3>
        <ul class="cs-recap-list">
          @for (p of products(); track p.id) {
            <li class="cs-recap-item" data-testid="recap-product">
              @if (p.image) {
                <img [src]="p.image" alt="" width="48" height="48" loading="lazy" />
              }
              <div class="cs-recap-body">
                <a [href]="productUrl(p.id)" data-testid="recap-product-name">{{ p.name }}</a>
                <span>{{ p.price | csPrice: p.currency }}</span>
                @if (addToCart) {
                  <button
                    mat-stroked-button
                    type="button"
                    [disabled]="cart()[p.id] === 'busy' || p.stock === 0"
                    (click)="add(p)"
                  >
                    {{ cart()[p.id] === 'done' ? 'Added to your cart' : 'Add to cart' }}
                  </button>
                }
              </div>
            </li>
          }
        </ul>
      } @else {
        <h3 id="cs-recap-title" class="cs-visually-hidden">After the call</h3>
      }
      @if (error()) {
        <p class="cs-error" role="alert">{{ error() }}</p>
      }
      <button mat-stroked-button type="button" data-testid="call-again" (click)="callAgain()">
        Call {{ call().shop.name }} again
      </button>
    </section>
  `,
  styles: `
    .cs-recap {
      display: grid;
      gap: 8px;
      margin: 0 0 12px;
    }
    h3 {
      margin: 0;
      font-size: 1rem;
    }
    .cs-recap-list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 8px;
    }
    .cs-recap-item {
      display: flex;
      gap: 8px;
      align-items: flex-start;
    }
    .cs-recap-item img {
      border-radius: 6px;
      object-fit: cover;
    }
    .cs-recap-body {
      display: grid;
      gap: 2px;
    }
    .cs-recap-body a {
      display: inline-flex;
      align-items: center;
      min-height: 44px;
    }
    button {
      min-height: 44px;
    }
    .cs-error {
      margin: 0;
      color: var(--mat-sys-error, #b3261e);
    }
  `,
})
export class CallRecapComponent {
  readonly call = input.required<CallDto>();
  private readonly manager = inject(CallManager);
  private readonly api = inject(CallsApi);
  protected readonly productUrl = inject(PRODUCT_URL);
  protected readonly addToCart = inject(CALL_ADD_TO_CART, { optional: true });
  private readonly cards = signal<CallProductCard[]>([]);
  protected readonly cart = signal<Record<string, 'busy' | 'done'>>({});
  protected readonly error = signal<string | null>(null);

  /** The call's product first, then each card sent, once each. */
  protected readonly products = computed<DiscussedProduct[]>(() => {
    const own = this.call().product;
    const all: DiscussedProduct[] = own ? [{ ...own, stock: null }] : [];
    for (const card of this.cards()) if (!all.some((p) => p.id === card.id)) all.push(card);
    return all;
  });

  constructor() {
    effect(() => {
      const id = this.call().id;
      untracked(() => void this.loadCards(id));
    });
  }

  protected async add(product: DiscussedProduct): Promise<void> {
    if (!this.addToCart) return;
    this.error.set(null);
    this.cart.update((c) => ({ ...c, [product.id]: 'busy' }));
    try {
      await this.addToCart({ ...product, stock: product.stock ?? 1 });
      this.cart.update((c) => ({ ...c, [product.id]: 'done' }));
    } catch (error) {
      this.cart.update(({ [product.id]: _gone, ...rest }) => rest);
      this.error.set(error instanceof Error ? error.message : 'It could not be added to your cart.');
    }
  }

  /** The same shop, about the same product, the same kind of call (from this click). */
  protected callAgain(): void {
    const call = this.call();
    this.manager.dismiss();
    void this.manager.placeCall({
      type: call.type,
      sellerId: call.shop.id,
      productId: call.product?.id,
      displayName: call.shop.name,
    });
  }

  private async loadCards(callId: string): Promise<void> {
    try {
      const messages = await firstValueFrom(this.api.messages(callId));
      if (this.call().id !== callId) return;
      this.cards.set(messages.flatMap((m) => (m.kind === 'product' && m.product ? [m.product] : [])));
    } catch {
      this.cards.set([]); // the recap still offers the call's own product and "Call again"
    }
  }
}
