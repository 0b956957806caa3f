import { Routes } from '@angular/router';
import { authGuard, guestGuard } from '@callshop/web/core';

const catalogPage = () => import('./pages/catalog/catalog.page').then((m) => m.CatalogPage);
const productPage = () => import('./pages/product/product.page').then((m) => m.ProductPage);

/**
 * Starts loading the code of the page at `path` (the catalog, a product: where visitors land)
 * before the app boots, so its download overlaps the framework's start-up instead of following
 * it. The router's own `loadComponent` then finds the module already there.
 */
export function preloadLandingPage(path: string): void {
  const load = path === '/' ? catalogPage : /^\/products\/[^/]+\/?$/.test(path) ? productPage : null;
  load?.().catch(() => undefined); // a failure shows when the router loads it
}

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Callshop: shop and talk to the seller',
    loadComponent: catalogPage,
  },
  {
    path: 'products/:id',
    title: 'Product · Callshop',
    loadComponent: productPage,
  },
  {
    path: 'shops/:id',
    title: 'Shop · Callshop',
    loadComponent: () => import('./pages/shop/shop.page').then((m) => m.ShopPage),
  },
  {
    path: 'login',
    title: 'Log in · Callshop',
    canActivate: [guestGuard],
    loadComponent: () => import('./pages/auth/login.page').then((m) => m.LoginPage),
  },
  {
    path: 'register',
    title: 'Sign up · Callshop',
    canActivate: [guestGuard],
    loadComponent: () => import('./pages/auth/register.page').then((m) => m.RegisterPage),
  },
  {
    path: 'calls',
    title: 'My calls · Callshop',
    canActivate: [authGuard],
    loadComponent: () => import('./pages/my-calls/my-calls.page').then((m) => m.MyCallsPage),
  },
  {
    path: 'appointments',
    title: 'My appointments · Callshop',
    canActivate: [authGuard],
    loadComponent: () =>
      import('./pages/my-appointments/my-appointments.page').then((m) => m.MyAppointmentsPage),
  },
  {
    path: 'cart',
    title: 'Cart · Callshop',
    loadComponent: () => import('./pages/cart/cart.page').then((m) => m.CartPage),
  },
  {
    path: 'checkout',
    title: 'Checkout · Callshop',
    canActivate: [authGuard],
    loadComponent: () => import('./pages/checkout/checkout.page').then((m) => m.CheckoutPage),
  },
  {
    path: 'orders',
    title: 'My orders · Callshop',
    canActivate: [authGuard],
    loadComponent: () => import('./pages/my-orders/my-orders.page').then((m) => m.MyOrdersPage),
  },
  {
    path: '**',
    title: 'Page not found · Callshop',
    loadComponent: () => import('./pages/not-found/not-found.page').then((m) => m.NotFoundPage),
  },
];
