/** The storefront page of a product (same origin, storefront at `/`), opened from the console. */
export function storefrontProductUrl(productId: string): string {
  return `/products/${encodeURIComponent(productId)}`;
}
