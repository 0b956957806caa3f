import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { UserDto } from '@callshop/contracts';
import {
  AuthSession,
  CallbacksApi,
  CallsApi,
  SESSION_STORAGE,
  SESSION_STORAGE_KEY,
} from '@callshop/web/core';
import { of } from 'rxjs';
import { CallManager } from './call-manager.service';
import { CallSellerDialogComponent } from './call-seller-dialog.component';
import { renderView } from './testing/render';

async function render(data: object) {
  const create = jest.fn(() => of({}));
  const placeCall = jest.fn(async () => undefined);
  const close = jest.fn();
  TestBed.configureTestingModule({
    providers: [
      {
        provide: MAT_DIALOG_DATA,
        useValue: { sellerId: 's1', shopName: 'Lamp Shop', isPlatform: false, productId: 'p1', ...data },
      },
      { provide: MatDialogRef, useValue: { close } },
      { provide: CallsApi, useValue: { sellerInfo: () => of({ phoneNumber: '+1 555 010 2000' }) } },
      { provide: CallbacksApi, useValue: { create } },
      { provide: CallManager, useValue: { placeCall } },
      { provide: SESSION_STORAGE_KEY, useValue: 'test' },
      { provide: SESSION_STORAGE, useValue: null },
    ],
  });
  TestBed.inject(AuthSession).start({
    accessToken: 't',
    expiresIn: 3600,
    user: { id: 'c1', role: 'customer', name: 'Ada', phoneNumber: '+1 555 1234' } as UserDto,
  });
  return { ...(await renderView(CallSellerDialogComponent)), create, placeCall, close };
}

describe('CallSellerDialogComponent', () => {
  it('shows the shop number as a tel: link', async () => {
    const { el } = await render({});
    const link = el.querySelector('[data-testid="tel-link"]') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('tel:+15550102000');
    expect(link.textContent?.trim()).toBe('Call +1 555 010 2000');
  });

  it('records a callback request with the note and preference', async () => {
    const { el, button, create, fixture } = await render({ mode: 'callback' });
    const note = el.querySelector('textarea') as HTMLTextAreaElement;
    note.value = 'After 5pm please';
    note.dispatchEvent(new Event('input'));
    button('Send callback request').click();
    await fixture.whenStable();
    expect(create).toHaveBeenCalledWith({
      sellerId: 's1',
      productId: 'p1',
      note: 'After 5pm please',
      preference: 'phone',
      phoneNumber: undefined,
    });
    expect(el.querySelector('[data-testid="callback-sent"]')?.textContent).toContain(
      'Lamp Shop will call you back',
    );
  });

  it('switches to the video call', async () => {
    const { button, placeCall, close } = await render({});
    button('Video call instead').click();
    expect(close).toHaveBeenCalledWith('video');
    expect(placeCall).toHaveBeenCalledWith({
      type: 'video',
      sellerId: 's1',
      productId: 'p1',
      displayName: 'Lamp Shop',
    });
  });
});
