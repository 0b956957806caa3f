import { Injectable, Injector, computed, effect, inject, signal, untracked } from '@angular/core';
import {
  CART_LIMITS,
  stockMessage,
  totalsByCurrency,
  type CartDto,
  type CartLineDto,
  type ProductDto,
  type UserDto,
} from '@callshop/contracts';
import { AuthSession, CartApi, SESSION_STORAGE, describeError } from '@callshop/web/core';
import { firstValueFrom, type Observable } from 'rxjs';

/** Where a visitor's cart is kept before they sign in. */
export const GUEST_CART_KEY = 'callshop.guest-cart';

/**
 * The shopper's cart, one signal for the whole storefront (header badge, product pages, the
 * cart page). Signed out it lives in localStorage; a customer's lives with their account, and
 * the browser's cart is merged into it when they sign in. Failures reject with a sentence to
 * show (the API's, e.g. 'Only 2 of "Fern" left in stock').
 */
@Injectable({ providedIn: 'root' })
export class CartStore {
  private readonly api = inject(CartApi);
  private readonly session = inject(AuthSession);
  private readonly storage = inject(SESSION_STORAGE);
  private readonly injector = inject(Injector);
  private readonly _lines = signal<CartLineDto[]>(this.readGuest());
  private started = false;
  /** The sign-in merge in flight: every account request waits for it, so none reads the cart before it. */
  private merged: Promise<unknown> = Promise.resolve();

  readonly lines = this._lines.asReadonly();
  /** Units that can be checked out (the header badge). */
  readonly count = computed(() => this._lines().reduce((n, l) => n + (l.available ? l.quantity : 0), 0));
  readonly totals = computed(() => totalsByCurrency(this._lines().filter((l) => l.available)));
  /** The cart is kept with the account (a signed-in user) rather than in this browser. */
  readonly onAccount = computed(() => this.session.isAuthenticated());

  /**
   * Follows the session from now on: loads the account's cart once signed in (after merging the
   * browser's), and falls back to the browser's cart when signed out. Called once the first
   * page is up, so the request never delays it.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    effect(
      () => {
        const user = this.session.user();
        untracked(() => this.follow(user));
      },
      { injector: this.injector },
    );
  }

  /** Loads the current cart (prices and stock as they are now). */
  async refresh(): Promise<void> {
    if (!this.onAccount()) return;
    await this.merged;
    await this.run(this.api.get());
  }

  async add(product: ProductDto, quantity = 1): Promise<void> {
    if (this.onAccount()) {
      await this.merged;
      return this.run(this.api.add(product.id, quantity));
    }
    const lines = this._lines();
    const existing = lines.find((l) => l.productId === product.id);
    const wanted = (existing?.quantity ?? 0) + quantity;
    this.checkGuest(product.name, product.stock, wanted, existing ? 0 : lines.length);
    const line: CartLineDto = {
      productId: product.id,
      name: product.name,
      price: product.price,
      currency: product.currency,
      image: product.images[0] ?? null,
      stock: product.stock,
      quantity: wanted,
      available: true,
      shop: product.shop,
    };
    this.setGuest(existing ? lines.map((l) => (l === existing ? line : l)) : [...lines, line]);
  }

  async setQuantity(line: CartLineDto, quantity: number): Promise<void> {
    if (this.onAccount()) return this.run(this.api.setQuantity(line.productId, quantity));
    this.checkGuest(line.name, line.stock, quantity, 0);
    this.setGuest(this._lines().map((l) => (l.productId === line.productId ? { ...l, quantity } : l)));
  }

  async remove(line: CartLineDto): Promise<void> {
    if (this.onAccount()) return this.run(this.api.remove(line.productId));
    this.setGuest(this._lines().filter((l) => l.productId !== line.productId));
  }

  /** After a checkout: the server has emptied the account's cart. */
  emptied(): void {
    this._lines.set([]);
  }

  private follow(user: UserDto | null): void {
    if (!user) {
      this._lines.set(this.readGuest());
      return;
    }
    if (user.role !== 'customer') return;
    const guest = this.readGuest();
    const request = guest.length
      ? this.api.merge(guest.map((l) => ({ productId: l.productId, quantity: l.quantity })))
      : this.api.get();
    this.merged = this.run(request).then(
      () => guest.length && this.writeGuest([]),
      () => undefined, // the cart page shows the failure when opened
    );
  }

  private checkGuest(name: string, stock: number, quantity: number, newLineAmong: number): void {
    if (quantity > stock) throw new Error(stockMessage(name, stock));
    if (quantity > CART_LIMITS.quantityMax)
      throw new Error(`At most ${CART_LIMITS.quantityMax} of one product per order`);
    if (newLineAmong >= CART_LIMITS.linesMax)
      throw new Error(`A cart holds at most ${CART_LIMITS.linesMax} different products`);
  }

  private async run(request: Observable<CartDto>): Promise<void> {
    try {
      this._lines.set((await firstValueFrom(request)).items);
    } catch (err) {
      throw new Error(describeError(err), { cause: err });
    }
  }

  private setGuest(lines: CartLineDto[]): void {
    this._lines.set(lines);
    this.writeGuest(lines);
  }

  private readGuest(): CartLineDto[] {
    try {
      const parsed = JSON.parse(this.storage?.getItem(GUEST_CART_KEY) ?? '[]');
      return Array.isArray(parsed)
        ? parsed.filter(
            (l) => typeof l?.productId === 'string' && Number.isInteger(l?.quantity) && l.quantity > 0,
          )
        : [];
    } catch {
      return [];
    }
  }

  private writeGuest(lines: CartLineDto[]): void {
    if (!lines.length) this.storage?.removeItem(GUEST_CART_KEY);
    else this.storage?.setItem(GUEST_CART_KEY, JSON.stringify(lines));
  }
}
