import { TestBed } from '@angular/core/testing';
import type { AuthResponse, CartDto, CartLineDto, ProductDto } from '@callshop/contracts';
import { AuthSession, CartApi, SESSION_STORAGE, SESSION_STORAGE_KEY } from '@callshop/web/core';
import { of } from 'rxjs';
import { CartStore, GUEST_CART_KEY } from './cart.store';

const fern = {
  id: 'p1',
  name: 'Boston Fern',
  price: 2500,
  currency: 'USD',
  stock: 2,
  images: ['/f.svg'],
  shop: { id: 's1', name: 'Greenleaf', isPlatform: false },
} as ProductDto;

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
    key: () => null,
    get length() {
      return data.size;
    },
  };
}

function setUp() {
  const storage = memoryStorage();
  const accountCart = (lines: Partial<CartLineDto>[]): CartDto =>
    ({ items: lines.map((l) => ({ available: true, ...l })), count: 0, totals: [] }) as unknown as CartDto;
  const api = {
    get: jest.fn(() => of(accountCart([]))),
    merge: jest.fn((items: { productId: string; quantity: number }[]) =>
      of(accountCart(items.map((i) => ({ ...i, name: fern.name, stock: fern.stock })))),
    ),
    add: jest.fn(),
  };
  TestBed.configureTestingModule({
    providers: [
      { provide: CartApi, useValue: api },
      { provide: SESSION_STORAGE_KEY, useValue: 'test.session' },
      { provide: SESSION_STORAGE, useValue: storage },
    ],
  });
  return { store: TestBed.inject(CartStore), session: TestBed.inject(AuthSession), api, storage };
}

describe('CartStore', () => {
  it('keeps a guest cart in the browser, within the stock, with the API’s words for a refusal', async () => {
    const { store, storage, api } = setUp();
    await store.add(fern);
    await store.add(fern);
    expect(store.count()).toBe(2);
    expect(store.totals()).toEqual([{ amount: 5000, currency: 'USD' }]);
    await expect(store.add(fern)).rejects.toThrow('Only 2 of "Boston Fern" left in stock');
    expect(JSON.parse(storage.getItem(GUEST_CART_KEY) ?? '[]')).toMatchObject([
      { productId: 'p1', quantity: 2 },
    ]);
    expect(api.add).not.toHaveBeenCalled();
  });

  it('merges the guest cart into the account when a customer signs in, then forgets it', async () => {
    const { store, session, storage, api } = setUp();
    await store.add(fern);
    store.start();
    session.start({
      accessToken: 't',
      expiresIn: 3600,
      user: { id: 'u1', role: 'customer', name: 'Ada' },
    } as AuthResponse);
    TestBed.tick();
    await store.refresh();
    expect(api.merge).toHaveBeenCalledWith([{ productId: 'p1', quantity: 1 }]);
    expect(storage.getItem(GUEST_CART_KEY)).toBeNull();
    expect(store.onAccount()).toBe(true);
  });

  it('ignores a corrupt guest cart instead of failing', () => {
    const storage = memoryStorage();
    storage.setItem(GUEST_CART_KEY, '{not json');
    TestBed.configureTestingModule({
      providers: [
        { provide: SESSION_STORAGE_KEY, useValue: 'test.session' },
        { provide: SESSION_STORAGE, useValue: storage },
        { provide: CartApi, useValue: {} },
      ],
    });
    expect(TestBed.inject(CartStore).lines()).toEqual([]);
  });
});
