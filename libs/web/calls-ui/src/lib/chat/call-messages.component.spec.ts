import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { CallMessageDto } from '@callshop/contracts';
import { renderView } from '../testing/render';
import { CALL_ADD_TO_CART } from './call-add-to-cart';
import { CallMessagesComponent } from './call-messages.component';

const base = {
  callId: 'c1',
  clientId: 'k',
  createdAt: '2026-11-27T10:00:00.000Z',
  product: null,
} as const;

const text = (id: string, sender: 'customer' | 'shop', body: string): CallMessageDto => ({
  ...base,
  id,
  kind: 'text',
  sender,
  senderName: sender === 'shop' ? 'Sam Seller' : 'Dana',
  text: body,
});

const card: CallMessageDto = {
  ...base,
  id: 'p1',
  kind: 'product',
  sender: 'shop',
  senderName: 'Sam Seller',
  text: null,
  product: { id: 'prod-1', name: 'Fern', price: 1250, currency: 'USD', image: '/f.png', stock: 4 },
};

describe('CallMessagesComponent', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] }));

  it('shows markup in a message as text and links only http(s) addresses, opened safely', async () => {
    const { el } = await renderView(CallMessagesComponent, {
      viewer: 'customer',
      messages: [
        text('1', 'shop', '<img src=x onerror="window.hacked=1"><b>bold</b> javascript:alert(1)'),
        text('2', 'customer', 'See https://example.com/a?b=1.'),
      ],
    });
    const [first, second] = Array.from(el.querySelectorAll<HTMLElement>('[data-testid="chat-text"]'));
    expect(first.querySelector('img, b, script')).toBeNull();
    expect(first.querySelectorAll('a')).toHaveLength(0);
    expect(first.textContent?.trim()).toBe(
      '<img src=x onerror="window.hacked=1"><b>bold</b> javascript:alert(1)',
    );
    const link = second.querySelector('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('https://example.com/a?b=1');
    expect(link.textContent).toBe('https://example.com/a?b=1');
    expect(link.rel).toBe('noopener noreferrer');
    expect(link.target).toBe('_blank');
    expect(second.textContent?.trim()).toBe('See https://example.com/a?b=1.');
    // Who wrote it: the viewer's own messages read "You".
    const senders = Array.from(el.querySelectorAll('.cs-sender')).map((s) => s.textContent?.trim());
    expect(senders).toEqual(['Sam Seller', 'You']);
  });

  it('offers "Add to cart" on a card where the app provides it, and says when it was added or why not', async () => {
    const added: string[] = [];
    let fail = false;
    TestBed.overrideProvider(CALL_ADD_TO_CART, {
      useValue: async (p: { id: string }) => {
        if (fail) throw new Error('Only 1 of "Fern" left in stock');
        added.push(p.id);
      },
    });
    const { el, fixture, button } = await renderView(CallMessagesComponent, {
      viewer: 'customer',
      messages: [card],
    });
    expect(el.querySelector('[data-testid="product-card-name"]')?.textContent).toBe('Fern');
    expect(el.textContent).toContain('$12.50');
    expect(el.textContent).toContain('4 in stock');
    button('Add to cart').click();
    await fixture.whenStable();
    expect(added).toEqual(['prod-1']);
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Added to your cart');
    fail = true;
    button('Add another').click();
    await fixture.whenStable();
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Only 1 of "Fern" left in stock');
  });

  it('shows no "Add to cart" without the app\'s action (the seller console) or to the shop', async () => {
    const { el } = await renderView(CallMessagesComponent, { viewer: 'customer', messages: [card] });
    expect(el.querySelector('[data-testid="card-add-to-cart"]')).toBeNull();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        { provide: CALL_ADD_TO_CART, useValue: async () => undefined },
      ],
    });
    const shop = await renderView(CallMessagesComponent, { viewer: 'shop', messages: [card] });
    expect(shop.el.querySelector('[data-testid="card-add-to-cart"]')).toBeNull();
  });

  it("opens a card's product page in a new tab, or, in a live call in the customer's app, hands it to the call", async () => {
    const { el } = await renderView(CallMessagesComponent, { viewer: 'shop', messages: [card] });
    const link = el.querySelector<HTMLAnchorElement>('[data-testid="card-view-product"]');
    expect(link?.getAttribute('href')).toBe('/products/prod-1');
    expect(link?.getAttribute('target')).toBe('_blank');

    const live = await renderView(CallMessagesComponent, {
      viewer: 'customer',
      messages: [card],
      opensHere: true,
    });
    const opened: string[] = [];
    live.fixture.componentInstance.productOpened.subscribe((path) => opened.push(path));
    const here = live.el.querySelector<HTMLAnchorElement>('[data-testid="card-view-product"]');
    expect(here?.getAttribute('target')).toBeNull();
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    here?.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(opened).toEqual(['/products/prod-1']);
  });
});
