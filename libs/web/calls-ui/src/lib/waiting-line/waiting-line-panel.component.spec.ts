import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import type { WaitingLineEntryDto } from '@callshop/contracts';
import { renderView } from '../testing/render';
import { WaitingLinePanelComponent } from './waiting-line-panel.component';
import { WaitingLineClient } from './waiting-line-client';

const waiting: WaitingLineEntryDto = {
  id: 'entry-1',
  shopId: 'shop-1',
  shopName: 'Lamp Shop',
  product: { id: 'p1', name: 'Desk lamp', price: 4999, currency: 'USD', image: null },
  type: 'video',
  status: 'waiting',
  endReason: null,
  position: 2,
  estimatedWaitSeconds: 190,
  joinedAt: new Date(Date.now() - 65_000).toISOString(),
  callId: null,
};

async function render(entry: WaitingLineEntryDto | null, error: string | null = null) {
  const current = signal(entry);
  const line = {
    entry: current,
    error: signal(error),
    target: signal(null),
    joinedAt: signal(entry ? Date.parse(entry.joinedAt) : null),
    leave: jest.fn(async () => current.set(null)),
    clearError: jest.fn(),
  };
  const dialog = { open: jest.fn() };
  TestBed.configureTestingModule({
    providers: [
      { provide: WaitingLineClient, useValue: line },
      { provide: MatDialog, useValue: dialog },
    ],
  });
  return { ...(await renderView(WaitingLinePanelComponent)), line, dialog };
}

describe('WaitingLinePanelComponent', () => {
  it('shows nothing while the customer is in no line', async () => {
    const { el } = await render(null);
    expect(el.textContent?.trim()).toBe('');
  });

  it('shows the place, the estimate and the time waited, with Leave and a callback instead', async () => {
    const { el, button, line } = await render(waiting);
    const region = el.querySelector('[data-testid="waiting-line"]');
    expect(region?.getAttribute('role')).toBe('region');
    expect(region?.textContent).toContain('Waiting for Lamp Shop');
    const place = el.querySelector('[data-testid="waiting-line-place"]');
    expect(place?.getAttribute('role')).toBe('status');
    expect(place?.textContent?.trim()).toBe('You are number 2 in line · about 3 min');
    expect(el.textContent).toMatch(/Waiting 1:0[5-9]/);
    button('Leave the line').click();
    expect(line.leave).toHaveBeenCalled();
  });

  it('"Request a callback instead" leaves the line and opens the callback form about the product', async () => {
    const { button, line, dialog, fixture } = await render(waiting);
    button('Request a callback instead').click();
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 0));
    expect(line.leave).toHaveBeenCalled();
    expect(dialog.open).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({
        data: expect.objectContaining({ sellerId: 'shop-1', productId: 'p1', mode: 'callback' }),
      }),
    );
  });

  it('says why the customer is no longer in line', async () => {
    const { el, button, line } = await render(null, 'You left the line while you were away.');
    expect(el.textContent).toContain('You left the line while you were away.');
    button('Close').click();
    expect(line.clearError).toHaveBeenCalled();
  });
});
