import { Routes } from '@angular/router';
import { authGuard, guestGuard } from '@callshop/web/core';

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Callshop: shop and talk to the seller',
    loadComponent: () => import('./pages/catalog/catalog.page').then((m) => m.CatalogPage),
  },
  {
    path: 'products/:id',
    title: 'Product · Callshop',
    loadComponent: () => import('./pages/product/product.page').then((m) => m.ProductPage),
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
    path: '**',
    title: 'Page not found · Callshop',
    loadComponent: () => import('./pages/not-found/not-found.page').then((m) => m.NotFoundPage),
  },
];
