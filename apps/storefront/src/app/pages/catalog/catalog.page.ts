import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { ActivatedRoute, Router } from '@angular/router';
import { ProductsApi, ShopsApi, describeError } from '@callshop/web/core';
import { ErrorStateComponent, LoadingStateComponent, PagerComponent } from '@callshop/web/ui';
import { catchError, map, of } from 'rxjs';
import { ProductCardComponent } from '../product-card.component';
import { type CatalogQuery, catalogQueryParams, readCatalogQuery, toProductQuery } from './catalog-query';

/**
 * Home: the catalog with search, category and shop filters and pages, all kept in the URL.
 * The filters are native selects in Material form fields: the phone's own picker, and no
 * overlay code before the first products show.
 */
@Component({
  selector: 'cs-catalog-page',
  imports: [
    MatButton,
    MatFormField,
    MatLabel,
    MatInput,
    ProductCardComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    PagerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './catalog.page.html',
  styles: `
    h1 {
      font-size: clamp(1.3rem, 3vw, 2rem);
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: baseline;
    }
    .search {
      flex: 1 1 240px;
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

  constructor() {
    // Back/forward changes the URL: keep the search box in step with it.
    effect(() => this.searchText.set(this.query().search));
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
