import {
  ChangeDetectionStrategy,
  Component,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { ProductsApi, ShopsApi, describeError } from '@callshop/web/core';
import { catchError, map, of } from 'rxjs';
import { whenIdle } from '../../when-idle';
import { ErrorStateComponent, LoadingStateComponent, PagerComponent } from '../deferred-ui';
import { injectShopsStatus } from '../shop-status';
import { ProductCardComponent } from '../product-card.component';
import { type CatalogQuery, catalogQueryParams, readCatalogQuery, toProductQuery } from './catalog-query';

/**
 * Home: the catalog with search, category and shop filters and pages, all kept in the URL.
 * The filters are native controls drawn like Material's outlined fields with the theme's
 * tokens (the phone's own picker; no Material code, nor its outline measuring, before the first
 * products show). The loading and error states and the pager come in `@defer` blocks.
 */
@Component({
  selector: 'cs-catalog-page',
  imports: [ProductCardComponent, LoadingStateComponent, ErrorStateComponent, PagerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './catalog.page.html',
  styles: `
    h1 {
      font-size: clamp(1.3rem, 3vw, 2rem);
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: flex-end;
      margin-bottom: 8px;
    }
    /* Widths that do not follow the options: the shops and categories arrive after the first
       paint, and a select sized by its longest option would move the page when they do. */
    .field {
      display: flex;
      flex: 1 1 160px;
      flex-direction: column;
      gap: 4px;
      min-width: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .search {
      flex: 1 1 240px;
    }
    input,
    select {
      box-sizing: border-box;
      width: 100%;
      height: 48px;
      padding: 0 12px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-extra-small);
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-body-large);
    }
    input:hover,
    select:hover {
      border-color: var(--mat-sys-on-surface);
    }
    .action {
      box-sizing: border-box;
      height: 48px;
      padding: 0 24px;
      border: 0;
      border-radius: 24px;
      background: transparent;
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
      cursor: pointer;
    }
    .action.filled {
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
    }
    .action:hover {
      background: color-mix(in srgb, var(--mat-sys-primary) 8%, transparent);
    }
    .action.filled:hover {
      background: color-mix(in srgb, var(--mat-sys-primary) 92%, var(--mat-sys-on-primary));
    }
    .pager-space {
      min-height: 88px;
    }
    .grid {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 16px;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 220px), 1fr));
    }
    .count {
      opacity: 0.8;
    }
  `,
})
export class CatalogPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly productsApi = inject(ProductsApi);
  private readonly shopsApi = inject(ShopsApi);

  protected readonly query = toSignal(this.route.queryParamMap.pipe(map(readCatalogQuery)), {
    initialValue: readCatalogQuery(this.route.snapshot.queryParamMap),
  });
  protected readonly searchText = signal(this.query().search);
  protected readonly products = rxResource({
    params: () => toProductQuery(this.query()),
    stream: ({ params }) => this.productsApi.list(params),
  });
  protected readonly categories = toSignal(
    this.productsApi.categories().pipe(catchError(() => of([] as string[]))),
    {
      initialValue: [] as string[],
    },
  );
  protected readonly shops = toSignal(this.shopsApi.list().pipe(catchError(() => of([]))), {
    initialValue: [],
  });
  protected readonly pageCount = computed(() => {
    if (!this.products.hasValue()) return 0;
    const { total, limit } = this.products.value();
    return Math.max(1, Math.ceil(total / Math.max(1, limit)));
  });
  protected readonly hasFilters = computed(() => {
    const q = this.query();
    return !!(q.search || q.category || q.shopId);
  });
  protected readonly errorText = computed(() => describeError(this.products.error()));
  /** The first products are on screen and the browser has been idle since. */
  private readonly settled = signal(false);
  /**
   * Whether each card's shop is online, polled over REST (no call layer on the catalog). Asked
   * once the first paint is done: its answer re-renders every card, which the page's largest
   * paint (a card's image) should not wait behind; each card keeps the status line's place.
   */
  protected readonly shopStatus = injectShopsStatus(() =>
    this.settled() && this.products.hasValue() ? this.products.value().items.map((p) => p.shop.id) : [],
  );

  constructor() {
    // Back/forward changes the URL: keep the search box in step with it.
    effect(() => this.searchText.set(this.query().search));
    afterNextRender(() => whenIdle(() => this.settled.set(true)));
  }

  protected applySearch(): void {
    this.update({ search: this.searchText().trim(), page: 1 });
  }

  protected clear(): void {
    this.searchText.set('');
    void this.router.navigate([], { relativeTo: this.route, queryParams: {} });
  }

  protected update(changes: Partial<CatalogQuery>): void {
    const next = { ...this.query(), ...changes };
    void this.router.navigate([], { relativeTo: this.route, queryParams: catalogQueryParams(next) });
  }
}
