import { HttpInterceptorFn, HttpResponse } from '@angular/common/http';
import { from, of, switchMap } from 'rxjs';

/** A public GET that a page's inline script started before the app's scripts arrived. */
export interface EarlyResponse {
  /** `performance.now()` when it was started. */
  startedAt: number;
  /** The parsed JSON of a 2xx answer; null for anything else (the app then asks again). */
  response: Promise<{ status: number; body: unknown } | null>;
}

/** Where `index.html` leaves them, by URL as the app will request it (`/api/v2/products/…`). */
export const EARLY_RESPONSES_KEY = '__callshopEarly';

/** An early answer older than this is not trusted to be current: the app asks again. */
export const EARLY_RESPONSE_MAX_AGE_MS = 15_000;

/**
 * Hands the app a response its page started early, instead of sending the same request again:
 * `index.html` starts the first page's data request (the catalog's first page, a product)
 * while the framework is still loading, so the page's largest paint does not wait for the app
 * to boot before its data is even asked for. Each early response is used once, only for a GET
 * of exactly the same URL, only while fresh, and only for public data whose answer does not
 * depend on who asks (the early request carries no token). Anything else goes to the network.
 */
export const earlyResponseInterceptor: HttpInterceptorFn = (req, next) => {
  if (req.method !== 'GET' || req.responseType !== 'json') return next(req);
  const early = takeEarlyResponse(req.urlWithParams);
  if (!early) return next(req);
  return from(early).pipe(
    switchMap((answer) =>
      answer
        ? of(new HttpResponse({ status: answer.status, body: answer.body, url: req.urlWithParams }))
        : next(req),
    ),
  );
};

function takeEarlyResponse(url: string): EarlyResponse['response'] | null {
  const all = (globalThis as Record<string, unknown>)[EARLY_RESPONSES_KEY] as
    Record<string, EarlyResponse | undefined> | undefined;
  const early = all?.[url];
  if (!all || !early) return null;
  delete all[url];
  const age = performance.now() - early.startedAt;
  return age >= 0 && age <= EARLY_RESPONSE_MAX_AGE_MS ? early.response.catch(() => null) : null;
}
