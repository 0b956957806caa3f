import { ApplicationConfig, inject, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideCallshopWeb } from '@callshop/web/core';
import { ICE_SERVERS_LOADER } from '@callshop/web/rtc';
import { ICE_SERVERS_CACHE } from './call/cached-ice-servers';
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
    // Answering a call should not wait for a request: ICE servers are fetched ahead and reused.
    { provide: ICE_SERVERS_LOADER, useFactory: () => inject(ICE_SERVERS_CACHE).load },
  ],
};
