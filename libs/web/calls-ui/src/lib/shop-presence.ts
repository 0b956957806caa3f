import { Signal, computed, effect, inject, signal } from '@angular/core';
import type { ShopPresence } from '@callshop/contracts';
import { AuthSession, CallSocket } from '@callshop/web/core';

/**
 * A shop's live status for a page: `fallback` (from REST) until the socket reports, then live
 * `presence:shop` updates while someone is logged in (the socket needs a session). Call it in
 * an injection context; the subscription ends with the page.
 */
export function injectShopPresence(
  shopId: () => string | null | undefined,
  fallback: () => ShopPresence | null,
): Signal<ShopPresence | null> {
  const socket = inject(CallSocket);
  const session = inject(AuthSession);
  const live = signal<ShopPresence | null>(null);
  effect((onCleanup) => {
    const id = shopId();
    live.set(null);
    if (!id || !session.isAuthenticated()) return;
    const sub = socket.watchShop(id).subscribe((p) => live.set(p));
    onCleanup(() => sub.unsubscribe());
  });
  return computed(() => {
    const id = shopId();
    const current = live();
    if (current && current.shopId === id) return current;
    return fallback();
  });
}
