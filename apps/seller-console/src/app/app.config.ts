import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideCallshopWeb } from '@callshop/web/core';
import { appRoutes } from './app.routes';

/** The console keeps its own session, so a customer tab and a seller tab never share one. */
export const SELLER_SESSION_KEY = 'callshop.seller-console.session';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
    ),
    provideCallshopWeb({ sessionStorageKey: SELLER_SESSION_KEY }),
  ],
};
