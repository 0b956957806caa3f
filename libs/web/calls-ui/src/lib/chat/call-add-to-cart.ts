import { InjectionToken } from '@angular/core';
import type { CallProductCard } from '@callshop/contracts';

/**
 * Adds a product card's product to the shopper's cart; rejects with a sentence to show (e.g.
 * 'Only 2 of "Fern" left in stock'). An app that has a cart provides it (the storefront); without
 * it (the seller console) cards show no "Add to cart" button. Declared here so this library never
 * imports an app.
 */
export type CallAddToCart = (product: CallProductCard) => Promise<void>;

export const CALL_ADD_TO_CART = new InjectionToken<CallAddToCart>('CALL_ADD_TO_CART');
