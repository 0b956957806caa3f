import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { ProductsApi, ShopsApi, describeError, errorStatus } from '@callshop/web/core';
import { injectShopPresence } from '@callshop/web/calls-ui';
import {
  ErrorStateComponent,
  LoadingStateComponent,
  OnlineBadgeComponent,
  PagerComponent,
} from '@callshop/web/ui';
import { tap } from 'rxjs';
import { ProductCardComponent } from '../product-card.component';
import { openingLabel } from '../opening-label';
import { injectShopsStatus } from '../shop-status';
import { ShopCallComponent } from './shop-call.component';

const PAGE_SIZE = 12;

/**
 * A shop: who they are, whether they are online (for anyone: polled over REST, live over the
 * socket once signed in), the call buttons about one of its products, and its products.
 */
@Component({
  selector: 'cs-shop-page',
  imports: [
    RouterLink,
    ProductCardComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    OnlineBadgeComponent,
    PagerComponent,
    ShopCallComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      @if (shop.isLoading() && !shop.hasValue()) {
        <cs-loading-state label="Loading the shop…" />
      } @else if (notFound()) {
        <h1>Shop not found</h1>
        <p>This shop does not exist. <a routerLink="/">Back to the catalog</a></p>
      } @else if (shop.error()) {
        <cs-error-state
          title="We could not load this shop."
          [message]="errorText()"
          (retry)="shop.reload()"
        />
      } @else if (shop.hasValue()) {
        @let s = shop.value();
        <header class="head">
          <h1 data-testid="shop-name">{{ s.name }}</h1>
          <cs-online-badge
            [online]="presence()?.online ?? null"
            [available]="presence()?.available ?? null"
          />
          @if (opening(); as label) {
            <span class="opening" data-testid="opening-status">{{ label }}</span>
          }
        </header>
        @if (s.isPlatform) {
          <p class="tag">Operated by Callshop</p>
        }
        <p>{{ s.description }}</p>
        @if (s.phoneNumber) {
          <p>
            Phone: <a [href]="'tel:' + s.phoneNumber">{{ s.phoneNumber }}</a>
          </p>
        }
        @if (productChoices().length) {
          <!-- The buttons bring the call layer: after the first paint, in the same space. -->
          <section class="call" aria-label="Call {{ s.name }}" data-testid="shop-call">
            @defer (on idle) {
              <cs-shop-call
                [products]="productChoices()"
                [presence]="callPresence()"
                [phoneNumber]="s.phoneNumber"
              />
            } @placeholder {
              <div class="call-space"></div>
            }
          </section>
        }
        <h2>Products ({{ s.productCount }})</h2>
        @if (products.hasValue()) {
          @let list = products.value();
          <ul class="grid" aria-label="Products of {{ s.name }}">
            @for (product of list.items; track product.id; let i = $index) {
              <li>
                <cs-product-card [product]="product" [aboveTheFold]="i < 4" [presence]="withHours()" />
              </li>
            } @empty {
              <li>No products yet.</li>
            }
          </ul>
          @if (list.total > list.limit) {
            <cs-pager [page]="page()" [pages]="pages()" (pageChange)="page.set($event)" />
          }
        } @else if (products.isLoading()) {
          <cs-loading-state label="Loading products…" />
        }
      }
    </div>
  `,
  styles: `
    .head {
      display: flex;
      gap: 16px;
      align-items: center;
      flex-wrap: wrap;
    }
    .tag {
      font-weight: 600;
    }
    .opening {
      font-size: 0.875rem;
    }
    .call {
      margin-block: 8px 16px;
    }
    .call-space {
      min-height: 110px;
    }
    .grid {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 16px;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 220px), 1fr));
    }
  `,
})
export class ShopPage {
  private readonly shopsApi = inject(ShopsApi);
  private readonly productsApi = inject(ProductsApi);
  private readonly title = inject(Title);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();
  protected readonly page = signal(1);

  protected readonly shop = rxResource({
    params: () => this.id(),
    stream: ({ params }) =>
      this.shopsApi.get(params).pipe(tap((s) => this.title.setTitle(`${s.name} · Callshop`))),
  });
  protected readonly products = rxResource({
    params: () => ({ shopId: this.id(), page: this.page(), limit: PAGE_SIZE }),
    stream: ({ params }) => this.productsApi.list(params),
  });
  protected readonly pages = computed(() =>
    this.products.hasValue() ? Math.max(1, Math.ceil(this.products.value().total / PAGE_SIZE)) : 1,
  );
  protected readonly notFound = computed(() => errorStatus(this.shop.error()) === 404);
  protected readonly errorText = computed(() => describeError(this.shop.error()));
  /** Polled over REST for everyone (a logged-out visitor has no socket); live over the socket when signed in. */
  private readonly polled = injectShopsStatus(() => [this.id()]);
  protected readonly presence = injectShopPresence(
    () => this.id(),
    () => this.polled().get(this.id()) ?? null,
  );
  /** "Open now" / "Opens Tuesday at 09:00" in the visitor's time zone; null when the shop set no hours. */
  protected readonly opening = computed(() => {
    const hours = this.polled().get(this.id())?.hours;
    return hours ? openingLabel(hours, new Date()) : null;
  });
  /** The live status with the polled opening hours (the socket's pushes carry none). */
  protected readonly withHours = computed(() => {
    const presence = this.presence();
    return presence ? { ...presence, hours: this.polled().get(this.id())?.hours ?? null } : null;
  });
  /** Closed, the call buttons offer a callback instead of ringing (the server would refuse the call). */
  protected readonly callPresence = computed(() => {
    const presence = this.presence();
    const closed = this.polled().get(this.id())?.hours?.openNow === false;
    return presence && closed ? { ...presence, available: false } : presence;
  });
  /** The products on this page a call can be about. */
  protected readonly productChoices = computed(() =>
    this.products.hasValue() ? this.products.value().items : [],
  );
}
