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
  templateUrl: './products.page.html',
  styleUrl: './products.page.scss',
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
