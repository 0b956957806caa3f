import { InjectionToken } from '@angular/core';

/**
 * localStorage key under which an app keeps its session. Each app names its own, so a customer
 * session in the storefront and a seller session in the console never overwrite each other.
 */
export const SESSION_STORAGE_KEY = new InjectionToken<string>('SESSION_STORAGE_KEY');

/** Prefix of every REST call; the API serves the apps from the same origin. */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => '/api/v2',
});

/** Origin of the Socket.io server (same origin in production and behind the dev-server proxy). */
export const SOCKET_ORIGIN = new InjectionToken<string>('SOCKET_ORIGIN', {
  providedIn: 'root',
  factory: () => (typeof location !== 'undefined' ? location.origin : 'http://localhost:3000'),
});

/** Route of the log-in page the 401 handler and the guard send a visitor to. */
export const LOGIN_PATH = new InjectionToken<string>('LOGIN_PATH', {
  providedIn: 'root',
  factory: () => '/login',
});

/** Storage used by the session; a token so tests can hand in an in-memory one. */
export const SESSION_STORAGE = new InjectionToken<Storage | null>('SESSION_STORAGE', {
  providedIn: 'root',
  factory: () => (typeof localStorage !== 'undefined' ? localStorage : null),
});

/** Clock used for token expiry; a token so tests can move time. */
export const NOW = new InjectionToken<() => number>('NOW', {
  providedIn: 'root',
  factory: () => () => Date.now(),
});
