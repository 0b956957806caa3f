import type { ParamMap } from '@angular/router';
import { PRODUCT_LIMITS, type ProductQuery } from '@callshop/contracts';

/** The catalog's filters, as kept in the URL (`?search=lamp&category=Home&page=2`). */
export interface CatalogQuery {
  search: string;
  category: string;
  shopId: string;
  page: number;
}

export const CATALOG_PAGE_SIZE = 12;

export function readCatalogQuery(params: ParamMap): CatalogQuery {
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    search: (params.get('search') ?? '').trim(),
    category: params.get('category') ?? '',
    shopId: params.get('shopId') ?? '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** Query params for the URL: empty filters and page 1 are left out so URLs stay short. */
export function catalogQueryParams(query: Partial<CatalogQuery>): Record<string, string | number | null> {
  return {
    search: query.search || null,
    category: query.category || null,
    shopId: query.shopId || null,
    page: query.page && query.page > 1 ? query.page : null,
  };
}

export function toProductQuery(query: CatalogQuery): ProductQuery {
  return {
    search: query.search || undefined,
    category: query.category || undefined,
    shopId: query.shopId || undefined,
    page: query.page,
    limit: Math.min(CATALOG_PAGE_SIZE, PRODUCT_LIMITS.pageSizeMax),
  };
}
