import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { RouterLink } from '@angular/router';
import type { ProductDto, ProductPage } from '@callshop/contracts';
import { AuthSession, ProductsApi, describeError } from '@callshop/web/core';
import { PricePipe } from '@callshop/web/ui';
import { firstValueFrom } from 'rxjs';
import { storefrontProductUrl } from '../call/product-link';

const PAGE_SIZE = 20;

/** The shop's products: search, edit, delete, and a way to add one. */
@Component({
  selector: 'cs-products-page',
  imports: [RouterLink, PricePipe, MatButtonModule, MatFormFieldModule, MatInputModule, MatPaginatorModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="cs-page">
      <div class="head">
        <h1>Products</h1>
        <a mat-flat-button routerLink="/products/new">Add product</a>
      </div>
      <mat-form-field appearance="outline" class="search" subscriptSizing="dynamic">
        <mat-label>Search your products</mat-label>
        <input matInput type="search" [value]="search()" (input)="onSearch($any($event.target).value)" />
      </mat-form-field>
      @if (message()) {
        <p role="status" class="note">{{ message() }}</p>
      }
      @if (error()) {
        <p class="cs-error" role="alert">{{ error() }}</p>
      }
      @if (page(); as p) {
        @if (p.items.length === 0) {
          <p class="cs-muted">
            {{ search() ? 'No products match your search.' : 'No products yet. Add your first one.' }}
          </p>
        } @else {
          <ul class="grid" [attr.aria-busy]="loading()">
            @for (product of p.items; track product.id) {
              <li class="item" data-testid="product-row">
                @if (product.images[0]) {
                  <img [src]="product.images[0]" alt="" width="72" height="72" loading="lazy" />
                } @else {
                  <div class="noimg" aria-hidden="true">{{ product.name[0] }}</div>
                }
                <div class="info">
                  <strong>{{ product.name }}</strong>
                  <span>{{ product.price | csPrice: product.currency }}</span>
                  <span class="cs-muted">
                    {{ product.stock }} in stock{{ product.category ? ' · ' + product.category : '' }}
                  </span>
                </div>
                <div class="actions">
                  <a
                    mat-button
                    [href]="productUrl(product.id)"
                    target="_blank"
                    rel="noopener"
                    [attr.aria-label]="'View ' + product.name + ' in the store'"
                    >View</a
                  >
                  <a
                    mat-stroked-button
                    [routerLink]="['/products', product.id, 'edit']"
                    [attr.aria-label]="'Edit ' + product.name"
                    >Edit</a
                  >
                  @if (confirming() === product.id) {
                    <button
                      mat-flat-button
                      type="button"
                      class="danger"
                      (click)="remove(product)"
                      [disabled]="deleting()"
                      [attr.aria-label]="'Confirm delete ' + product.name"
                    >
                      Confirm delete
                    </button>
                    <button mat-button type="button" (click)="confirming.set(null)">Keep</button>
                  } @else {
                    <button
                      mat-button
                      type="button"
                      (click)="confirming.set(product.id)"
                      [attr.aria-label]="'Delete ' + product.name"
                    >
                      Delete
                    </button>
                  }
                </div>
              </li>
            }
          </ul>
          <mat-paginator
            [length]="p.total"
            [pageSize]="pageSize"
            [pageIndex]="p.page - 1"
            [hidePageSize]="true"
            (page)="onPage($event)"
            aria-label="Product pages"
          />
        }
      } @else if (loading()) {
        <p class="cs-muted" role="status">Loading products…</p>
      }
    </div>
  `,
  styles: `
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 12px;
    }
    .search {
      width: min(100%, 420px);
      margin: 8px 0 16px;
    }
    .grid {
      list-style: none;
      padding: 0;
      margin: 0;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .item {
      display: grid;
      grid-template-columns: 72px minmax(0, 1fr) auto;
      gap: 12px;
      align-items: center;
      padding: 8px 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    img,
    .noimg {
      width: 72px;
      height: 72px;
      object-fit: cover;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
    }
    .noimg {
      display: grid;
      place-items: center;
      font-size: 1.5rem;
    }
    .info {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      justify-content: flex-end;
    }
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
    .note {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
    }
    @media (max-width: 600px) {
      .item {
        grid-template-columns: 56px minmax(0, 1fr);
      }
      .actions {
        grid-column: 1 / -1;
        justify-content: flex-start;
      }
      img,
      .noimg {
        width: 56px;
        height: 56px;
      }
    }
  `,
})
export class ProductsPage {
  private readonly api = inject(ProductsApi);
  private readonly session = inject(AuthSession);

  protected readonly pageSize = PAGE_SIZE;
  protected readonly search = signal('');
  private readonly pageIndex = signal(1);
  private readonly reload = signal(0);
  protected readonly page = signal<ProductPage | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly message = signal<string | null>(history.state?.['message'] ?? null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly deleting = signal(false);
  private readonly shopId = computed(() => this.session.user()?.shopId ?? '');
  private searchTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    effect(() => {
      const query = {
        shopId: this.shopId(),
        search: this.search() || undefined,
        page: this.pageIndex(),
        limit: PAGE_SIZE,
      };
      this.reload();
      untracked(() => void this.load(query));
    });
  }

  protected productUrl(id: string): string {
    return storefrontProductUrl(id);
  }

  protected onSearch(value: string): void {
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.pageIndex.set(1);
      this.search.set(value.trim());
    }, 250);
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex + 1);
  }

  protected async remove(product: ProductDto): Promise<void> {
    this.deleting.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(this.api.remove(product.id));
      this.message.set(`${product.name} was deleted.`);
      this.confirming.set(null);
      this.reload.update((n) => n + 1);
    } catch (error) {
      this.error.set(describeError(error, 'The product could not be deleted.'));
    } finally {
      this.deleting.set(false);
    }
  }

  private async load(query: { shopId: string; search?: string; page: number; limit: number }): Promise<void> {
    this.loading.set(true);
    try {
      this.page.set(await firstValueFrom(this.api.list(query)));
      this.error.set(null);
    } catch (error) {
      this.error.set(describeError(error, 'Your products could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }
}
