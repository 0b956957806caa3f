import { signal, type Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { CallDto } from '@callshop/contracts';
import { CallManager } from './call-manager.service';
import { CallNotifier } from './call-notifier.service';
import { IncomingCallComponent } from './incoming-call.component';
import { PRODUCT_URL } from './product-url';
import { Ringtone } from './ringtone.service';

const call = {
  id: 'call-1',
  type: 'video',
  customer: { id: 'c1', name: 'Ada' },
  shop: { id: 's1', name: 'Lamp Shop', isPlatform: false },
  product: {
    id: '5b0c7d2e-8f6a-4c1b-9d3e-2a7f6e5d4c3b',
    name: 'Desk lamp',
    price: 4999,
    currency: 'USD',
    image: '/assets/lamp.jpg',
  },
} as unknown as CallDto;

async function render(current: CallDto, providers: Provider[] = []) {
  TestBed.configureTestingModule({
    providers: [
      {
        provide: CallManager,
        useValue: {
          call: signal(current),
          phase: signal('incoming'),
          viewer: signal('shop'),
          counterpart: signal('Ada'),
          accept: jest.fn(),
          decline: jest.fn(),
        },
      },
      { provide: Ringtone, useValue: { blocked: signal(false), unlock: jest.fn() } },
      { provide: CallNotifier, useValue: { permission: 'granted', requestPermission: jest.fn() } },
      ...providers,
    ],
  });
  const fixture = TestBed.createComponent(IncomingCallComponent);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  return el.querySelector<HTMLAnchorElement>('[data-testid="incoming-product-link"]');
}

describe('IncomingCallComponent', () => {
  it("links to the product's storefront page in a new tab", async () => {
    const link = await render(call);
    expect(link).not.toBeNull();
    expect(link?.getAttribute('href')).toBe('/products/5b0c7d2e-8f6a-4c1b-9d3e-2a7f6e5d4c3b');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener');
    expect(link?.getAttribute('aria-label')).toBe('View Desk lamp');
    expect(link?.textContent?.trim()).toBe('Desk lamp');
    // Still inside the ringing dialog, with the picture and the price.
    const dialog = link?.closest('[data-testid="incoming-call"]');
    expect(dialog?.querySelector('img')?.getAttribute('alt')).toBe('Desk lamp');
    expect(dialog?.textContent).toContain('$49.99');
  });

  it('builds the address with the PRODUCT_URL an app provides', async () => {
    const link = await render(call, [
      { provide: PRODUCT_URL, useValue: (id: string) => `https://shop.example/p/${id}` },
    ]);
    expect(link?.getAttribute('href')).toBe('https://shop.example/p/5b0c7d2e-8f6a-4c1b-9d3e-2a7f6e5d4c3b');
  });

  it('has no link when the call is not about a product', async () => {
    expect(await render({ ...call, product: null })).toBeNull();
  });
});
