import { Route } from '@angular/router';
import { ownerGuard, sellerGuard, sellerGuestGuard } from './auth/seller.guard';

export const appRoutes: Route[] = [
  {
    path: 'login',
    canActivate: [sellerGuestGuard],
    title: 'Log in · Callshop Seller',
    loadComponent: () => import('./auth/login.page').then((m) => m.LoginPage),
  },
  {
    path: 'signup',
    canActivate: [sellerGuestGuard],
    title: 'Open your shop · Callshop Seller',
    loadComponent: () => import('./auth/signup.page').then((m) => m.SignupPage),
  },
  {
    path: '',
    canActivate: [sellerGuard],
    loadComponent: () => import('./shell/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'calls' },
      {
        path: 'calls',
        title: 'Calls · Callshop Seller',
        loadComponent: () => import('./calls/calls.page').then((m) => m.CallsPage),
      },
      {
        path: 'orders',
        title: 'Orders · Callshop Seller',
        loadComponent: () => import('./orders/orders.page').then((m) => m.OrdersPage),
      },
      {
        path: 'customers/:id',
        title: 'Customer · Callshop Seller',
        loadComponent: () => import('./customers/customer-timeline.page').then((m) => m.CustomerTimelinePage),
      },
      {
        path: 'analytics',
        title: 'Analytics · Callshop Seller',
        loadComponent: () => import('./analytics/analytics.page').then((m) => m.AnalyticsPage),
      },
      {
        path: 'products',
        title: 'Products · Callshop Seller',
        loadComponent: () => import('./products/products.page').then((m) => m.ProductsPage),
      },
      {
        path: 'products/new',
        title: 'New product · Callshop Seller',
        loadComponent: () => import('./products/product-form.page').then((m) => m.ProductFormPage),
      },
      {
        path: 'products/:id/edit',
        title: 'Edit product · Callshop Seller',
        loadComponent: () => import('./products/product-form.page').then((m) => m.ProductFormPage),
      },
      {
        path: 'staff',
        canActivate: [ownerGuard],
        title: 'Staff · Callshop Seller',
        loadComponent: () => import('./staff/staff.page').then((m) => m.StaffPage),
      },
      {
        path: 'webhooks',
        canActivate: [ownerGuard],
        title: 'Webhooks · Callshop Seller',
        loadComponent: () => import('./webhooks/webhooks.page').then((m) => m.WebhooksPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
