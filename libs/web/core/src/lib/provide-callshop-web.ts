import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { EnvironmentProviders, Provider, makeEnvironmentProviders } from '@angular/core';
import { earlyResponseInterceptor } from './api/early-response.interceptor';
import { authInterceptor } from './auth/auth.interceptor';
import { API_BASE_URL, SESSION_STORAGE_KEY } from './tokens';

export interface CallshopWebOptions {
  /** localStorage key of this app's session, e.g. `callshop.storefront.session`. */
  sessionStorageKey: string;
  /** REST prefix; `/api/v2` unless given. */
  apiBaseUrl?: string;
}

/**
 * HTTP with the auth interceptor (and the reuse of responses `index.html` started early) and
 * the app-specific tokens the web libraries need.
 */
export function provideCallshopWeb(options: CallshopWebOptions): EnvironmentProviders {
  const providers: Provider[] = [{ provide: SESSION_STORAGE_KEY, useValue: options.sessionStorageKey }];
  if (options.apiBaseUrl) providers.push({ provide: API_BASE_URL, useValue: options.apiBaseUrl });
  return makeEnvironmentProviders([
    provideHttpClient(withFetch(), withInterceptors([earlyResponseInterceptor, authInterceptor])),
    ...providers,
  ]);
}
