import {
  ChangeDetectionStrategy,
  Component,
  afterNextRender,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import type { ShopPresence } from '@callshop/contracts';
import { AuthSession, CallsApi, ProductsApi, describeError, errorStatus } from '@callshop/web/core';
import { PricePipe } from '@callshop/web/ui';
import { catchError, of, tap } from 'rxjs';
import { AddToCartComponent } from '../../cart/add-to-cart.component';
import { whenIdle } from '../../when-idle';
import { ErrorStateComponent, LoadingStateComponent } from '../deferred-ui';
import { openingLabel } from '../opening-label';
import { injectShopsStatus } from '../shop-status';
import { ProductContactComponent } from './product-contact.component';
import { ProductGuestCallButtonsComponent } from './product-guest-call-buttons.component';
import { ProductSellerLineComponent } from './product-seller-line.component';

/** A product: images, price, stock, description, its shop (live status) and the call buttons. */
@Component({
  selector: 'cs-product-page',
  imports: [
    RouterLink,
    PricePipe,
    LoadingStateComponent,
    ErrorStateComponent,
    ProductSellerLineComponent,
    ProductContactComponent,
    ProductGuestCallButtonsComponent,
    AddToCartComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <!-- The loading and error states bring Material code: loaded only when shown, the
           spinner only when the product takes more than a moment (no flash before it). -->
      @if (product.isLoading() && !product.hasValue()) {
        @defer (on timer(300ms)) {
          <cs-loading-state label="Loading the product…" />
        }
      } @else if (notFound()) {
        <h1>Product not found</h1>
        <p>This product does not exist or was removed. <a routerLink="/">Back to the catalog</a></p>
      } @else if (product.error()) {
        @defer (on immediate) {
          <cs-error-state
            title="We could not load this product."
            [message]="errorText()"
            (retry)="product.reload()"
          />
        }
      } @else if (product.hasValue()) {
        @let p = product.value();
        <article class="layout">
          <section class="gallery" aria-label="Images">
            @if (selectedImage(); as image) {
              <img class="main" [src]="image" [alt]="p.name" width="640" height="480" fetchpriority="high" />
            } @else {
              <div class="main placeholder" aria-hidden="true">{{ p.name[0] }}</div>
            }
            @if (p.images.length > 1) {
              <div class="thumbs">
                @for (image of p.images; track image; let i = $index) {
                  <button
                    type="button"
                    class="thumb"
                    [class.selected]="image === selectedImage()"
                    [attr.aria-pressed]="image === selectedImage()"
                    [attr.aria-label]="'Show image ' + (i + 1) + ' of ' + p.images.length"
                    (click)="selectedImage.set(image)"
                  >
                    <img [src]="image" alt="" width="72" height="54" />
                  </button>
                }
              </div>
            }
          </section>
          <section class="info">
            <h1 data-testid="product-name">{{ p.name }}</h1>
            <p class="price" data-testid="product-price">{{ p.price | csPrice: p.currency }}</p>
            <p class="stock" [class.out]="p.stock === 0">
              {{ p.stock === 0 ? 'Out of stock' : p.stock < 5 ? 'Only ' + p.stock + ' left' : 'In stock' }}
            </p>
            <cs-add-to-cart [product]="p" />
            <!-- The call layer: for a signed-in user once the first paint is done and the
                 browser idle (the placeholder keeps its place); a visitor gets buttons that
                 lead to log in, without it. -->
            @defer (when callLayerWanted()) {
              <cs-product-contact
                [product]="p"
                [fallbackPresence]="restPresence()"
                [phoneNumber]="phoneNumber()"
              />
            } @placeholder {
              <div>
                <cs-product-seller-line [shop]="p.shop" [presence]="restPresence()" />
                @if (session.isAuthenticated()) {
                  <div class="call-buttons-space"></div>
                } @else {
                  <cs-product-guest-call-buttons [shop]="p.shop" />
                }
              </div>
            }
            <!-- Its line is kept while the status loads, so nothing below it moves. -->
            <p class="opening" data-testid="opening-status">{{ opening() }}</p>
            <h2>Description</h2>
            <p class="description">{{ p.description }}</p>
            @if (p.category) {
              <p class="category">Category: {{ p.category }}</p>
            }
          </section>
        </article>
      }
    </div>
  `,
  styles: `
    .layout {
      display: grid;
      gap: 24px;
      grid-template-columns: 1fr;
    }
    @media (min-width: 840px) {
      .layout {
        grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr);
      }
    }
    .main {
      width: 100%;
      height: auto;
      aspect-ratio: 4 / 3;
      object-fit: cover;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-highest);
    }
    .placeholder {
      display: grid;
      place-items: center;
      font-size: 5rem;
    }
    .thumbs {
      display: flex;
      gap: 8px;
      margin-top: 8px;
      flex-wrap: wrap;
    }
    .thumb {
      padding: 0;
      border: 2px solid transparent;
      border-radius: 8px;
      background: none;
      cursor: pointer;
    }
    .thumb.selected {
      border-color: var(--mat-sys-primary);
    }
    .thumb img {
      display: block;
      border-radius: 6px;
      object-fit: cover;
    }
    h1 {
      margin: 0 0 8px;
    }
    .price {
      font-size: 1.5rem;
      font-weight: 700;
      margin: 0;
    }
    .stock.out {
      color: #b3261e;
    }
    /* The call buttons' height (48 px). */
    .call-buttons-space {
      min-height: 48px;
    }
    .opening {
      min-height: 1.5em;
      margin: 8px 0 0;
      font-size: 0.875rem;
    }
    .description {
      white-space: pre-line;
    }
  `,
})
export class ProductPage {
  private readonly productsApi = inject(ProductsApi);
  private readonly callsApi = inject(CallsApi);
  protected readonly session = inject(AuthSession);
  private readonly title = inject(Title);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly product = rxResource({
    params: () => this.id(),
    stream: ({ params }) =>
      this.productsApi.get(params).pipe(tap((p) => this.title.setTitle(`${p.name} · Callshop`))),
  });
  /** The seller as the call endpoints see it (online state; the phone number once logged in). */
  private readonly seller = rxResource({
    params: () => ({ id: this.id(), authed: this.session.isAuthenticated() }),
    stream: ({ params }) => this.callsApi.productSeller(params.id).pipe(catchError(() => of(null))),
  });
  protected readonly selectedImage = linkedSignal(() =>
    this.product.hasValue() ? (this.product.value().images[0] ?? null) : null,
  );
  protected readonly notFound = computed(() => errorStatus(this.product.error()) === 404);
  protected readonly errorText = computed(() => describeError(this.product.error()));
  protected readonly phoneNumber = computed(() => {
    if (!this.session.isAuthenticated() || !this.seller.hasValue()) return undefined;
    return this.seller.value()?.seller.phoneNumber ?? undefined;
  });
  /** The page has rendered and the browser has been idle since. */
  private readonly settled = signal(false);
  /** Signed in (only then can the buttons place calls) and the first paint is done. */
  protected readonly callLayerWanted = computed(() => this.settled() && this.session.isAuthenticated());
  /** The shop's status as the REST answer gave it; the contact block then follows it live. */
  protected readonly restPresence = computed((): ShopPresence | null => {
    const polled = this.shopStatus();
    if (polled) return polled.hours?.openNow === false ? { ...polled, available: false } : polled;
    const info = this.seller.hasValue() ? this.seller.value()?.seller : null;
    return info ? { shopId: info.id, online: info.online, available: info.available } : null;
  });
  /** The shop's status and opening hours, polled for everyone (a visitor has no socket). */
  private readonly polledShops = injectShopsStatus(() =>
    this.product.hasValue() ? [this.product.value().shop.id] : [],
  );
  private readonly shopStatus = computed(() =>
    this.product.hasValue() ? (this.polledShops().get(this.product.value().shop.id) ?? null) : null,
  );
  /** "Open now" / "Opens Tuesday at 09:00" in the visitor's time zone; null when the shop set no hours. */
  protected readonly opening = computed(() => {
    const hours = this.shopStatus()?.hours;
    return hours ? openingLabel(hours, new Date()) : null;
  });

  constructor() {
    afterNextRender(() => whenIdle(() => this.settled.set(true)));
  }
}
