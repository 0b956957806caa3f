import { InjectionToken } from '@angular/core';

/** Builds the address of a product's page, linked from the call views. */
export type ProductUrlBuilder = (productId: string) => string;

/**
 * Where the call views link a product to. By default the storefront's product page,
 * `/products/<id>` on the same origin, which works from the storefront (at `/`) and from the
 * seller console (at `/seller/`) alike; an app served elsewhere provides its own builder.
 */
export const PRODUCT_URL = new InjectionToken<ProductUrlBuilder>('PRODUCT_URL', {
  providedIn: 'root',
  factory: () => (productId) => `/products/${encodeURIComponent(productId)}`,
});
