import { InjectionToken, Signal, effect, inject, signal } from '@angular/core';
import type { ShopPresence } from '@callshop/contracts';
import { ShopsApi } from '@callshop/web/core';
import { EMPTY, catchError, distinctUntilChanged, fromEvent, map, startWith, switchMap, timer } from 'rxjs';

/** How often pages ask for shops' status while they are visible. */
export const SHOP_STATUS_POLL_MS = new InjectionToken<number>('SHOP_STATUS_POLL_MS', {
  providedIn: 'root',
  factory: () => 20_000,
});

/** The REST route answers at most this many shops at once. */
const MAX_SHOPS = 24;

/**
 * Shops' online status for a page, polled from `GET /presence/shops` every
 * {@link SHOP_STATUS_POLL_MS} while the page is visible (at once when it becomes visible
 * again). A light request instead of the socket: it works for visitors who are not signed in,
 * and the catalog never loads the call layer or Socket.io for them. Call it in an injection
 * context; polling stops with the page.
 */
export function injectShopsStatus(
  shopIds: () => readonly string[],
): Signal<ReadonlyMap<string, ShopPresence>> {
  const api = inject(ShopsApi);
  const every = inject(SHOP_STATUS_POLL_MS);
  const status = signal<ReadonlyMap<string, ShopPresence>>(new Map());
  effect((onCleanup) => {
    const ids = [...new Set(shopIds())].slice(0, MAX_SHOPS);
    if (!ids.length) return;
    const sub = fromEvent(document, 'visibilitychange')
      .pipe(
        startWith(null),
        map(() => document.visibilityState !== 'hidden'),
        distinctUntilChanged(),
        switchMap((visible) => (visible ? timer(0, every) : EMPTY)),
        switchMap(() => api.presence(ids).pipe(catchError(() => EMPTY))),
      )
      .subscribe((items) => status.set(new Map(items.map((p) => [p.shopId, p]))));
    onCleanup(() => sub.unsubscribe());
  });
  return status.asReadonly();
}
