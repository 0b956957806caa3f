import { inject, type Provider } from '@angular/core';
import { CALL_ADD_TO_CART, type CallAddToCart } from '@callshop/web/calls-ui';
import { ProductsApi } from '@callshop/web/core';
import { firstValueFrom } from 'rxjs';
import { CartStore } from './cart.store';

/**
 * Lets product cards in a call (and in a call's history) add to this storefront's cart: the
 * product is read afresh (price and stock as they are now) and added with the cart's own rules,
 * without leaving the call.
 */
export function provideCallAddToCart(): Provider {
  return {
    provide: CALL_ADD_TO_CART,
    useFactory: (): CallAddToCart => {
      const cart = inject(CartStore);
      const products = inject(ProductsApi);
      return async (card) => cart.add(await firstValueFrom(products.get(card.id)));
    },
  };
}
