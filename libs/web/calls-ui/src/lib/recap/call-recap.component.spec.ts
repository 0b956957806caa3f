import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { CallDto, CallMessageDto } from '@callshop/contracts';
import { CallsApi } from '@callshop/web/core';
import { of } from 'rxjs';
import { CallManager } from '../call-manager.service';
import { CALL_ADD_TO_CART } from '../chat/call-add-to-cart';
import { makeCall } from '../testing/call-fixtures';
import { renderView } from '../testing/render';
import { CallRecapComponent } from './call-recap.component';

const card = (id: string, name: string): CallMessageDto => ({
  id: `m-${id}`,
  callId: 'call-1',
  clientId: id,
  kind: 'product',
  sender: 'shop',
  senderName: 'Sam',
  text: null,
  createdAt: '2026-11-27T10:00:00Z',
  product: { id, name, price: 2500, currency: 'USD', image: null, stock: 3 },
});

function setup(addToCart: jest.Mock | null) {
  const manager = { dismiss: jest.fn(), placeCall: jest.fn(async () => undefined) };
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      { provide: CallManager, useValue: manager },
      {
        provide: CallsApi,
        useValue: { messages: () => of([card('p2', 'Stand'), card('p1', 'Desk lamp'), card('p3', 'Bulb')]) },
      },
      ...(addToCart ? [{ provide: CALL_ADD_TO_CART, useValue: addToCart }] : []),
    ],
  });
  return manager;
}

describe('CallRecapComponent', () => {
  const call = makeCall({
    status: 'ended',
    endReason: 'hangup',
    connectedAt: '2026-11-27T10:00:00Z',
  }) as CallDto;

  it("lists the call's product and every card once, each with Add to cart, and calls the shop again", async () => {
    const addToCart = jest.fn(async () => undefined);
    const manager = setup(addToCart);
    const { el, fixture, button } = await renderView(CallRecapComponent, { call });
    await fixture.whenStable();
    const names = Array.from(el.querySelectorAll('[data-testid="recap-product-name"]')).map((a) =>
      a.textContent?.trim(),
    );
    expect(names).toEqual(['Desk lamp', 'Stand', 'Bulb']);
    const adds = Array.from(el.querySelectorAll('button')).filter(
      (b) => b.textContent?.trim() === 'Add to cart',
    );
    expect(adds).toHaveLength(3);
    adds[1].click();
    await fixture.whenStable();
    expect(addToCart).toHaveBeenCalledWith(expect.objectContaining({ id: 'p2', name: 'Stand' }));
    expect(el.textContent).toContain('Added to your cart');

    button('Call Lamp Shop again').click();
    expect(manager.dismiss).toHaveBeenCalled();
    expect(manager.placeCall).toHaveBeenCalledWith({
      type: 'video',
      sellerId: 'shop-1',
      productId: 'p1',
      displayName: 'Lamp Shop',
    });
  });

  it('offers no cart where the app has none', async () => {
    setup(null);
    const { el, fixture } = await renderView(CallRecapComponent, { call });
    await fixture.whenStable();
    expect(el.querySelectorAll('[data-testid="recap-product"]')).toHaveLength(3);
    expect(el.textContent).not.toContain('Add to cart');
  });
});
