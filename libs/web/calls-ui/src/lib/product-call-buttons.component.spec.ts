import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { Router, provideRouter } from '@angular/router';
import type { ShopPresence, UserDto } from '@callshop/contracts';
import { AuthSession, SESSION_STORAGE, SESSION_STORAGE_KEY } from '@callshop/web/core';
import { VIDEO_CALL_SUPPORT, type VideoCallSupport } from '@callshop/web/rtc';
import { CallManager } from './call-manager.service';
import { CallSellerDialogComponent } from './call-seller-dialog.component';
import { ProductCallButtonsComponent, callButtonsMode } from './product-call-buttons.component';
import { renderView } from './testing/render';

const customer = { id: 'c1', role: 'customer', name: 'Ada', phoneNumber: null } as UserDto;
const product = { id: 'p1', name: 'Desk lamp', shop: { id: 's1', name: 'Lamp Shop', isPlatform: false } };

async function render(
  options: {
    user?: UserDto | null;
    presence?: ShopPresence | null;
    isPlatform?: boolean;
    videoSupport?: VideoCallSupport;
  } = {},
) {
  const phase = signal<string>('idle');
  const manager = {
    phase,
    busy: computed(() => !['idle', 'ended'].includes(phase())),
    placeCall: jest.fn(async () => undefined),
  };
  const dialog = { open: jest.fn() };
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      { provide: CallManager, useValue: manager },
      { provide: MatDialog, useValue: dialog },
      { provide: SESSION_STORAGE_KEY, useValue: 'test' },
      { provide: SESSION_STORAGE, useValue: null },
      { provide: VIDEO_CALL_SUPPORT, useValue: options.videoSupport ?? 'supported' },
    ],
  });
  const user = options.user === undefined ? customer : options.user;
  if (user) TestBed.inject(AuthSession).start({ accessToken: 't', expiresIn: 3600, user });
  const router = TestBed.inject(Router);
  const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
  jest.spyOn(router, 'url', 'get').mockReturnValue('/products/p1');
  const { fixture, el, button } = await renderView(ProductCallButtonsComponent, {
    product: { ...product, shop: { ...product.shop, isPlatform: !!options.isPlatform } },
    presence: options.presence ?? null,
  });
  const note = () => el.querySelector('[data-testid="call-buttons-note"]')?.textContent?.trim() ?? null;
  return { fixture, manager, dialog, navigate, button, note, phase };
}

describe('ProductCallButtonsComponent', () => {
  it('starts a video call about the product when the shop is available', async () => {
    const { button, manager, note } = await render({
      presence: { shopId: 's1', online: true, available: true },
    });
    expect(note()).toBeNull();
    button('Video Call Seller')?.click();
    expect(manager.placeCall).toHaveBeenCalledWith({
      type: 'video',
      sellerId: 's1',
      productId: 'p1',
      displayName: 'Lamp Shop',
    });
  });

  it('says "Support" for platform-operated products', async () => {
    const { button } = await render({ isPlatform: true });
    expect(button('Video Call Support')).toBeDefined();
    expect(button('Call Support')).toBeDefined();
    expect(button('Video Call Seller')).toBeUndefined();
  });

  it('sends a logged-out visitor to log in and back', async () => {
    const { button, navigate, manager, dialog, note } = await render({ user: null });
    expect(note()).toBe('Log in to call Lamp Shop.');
    button('Video Call Seller')?.click();
    button('Call Seller')?.click();
    expect(navigate).toHaveBeenCalledTimes(2);
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/products/p1' } });
    expect(manager.placeCall).not.toHaveBeenCalled();
    expect(dialog.open).not.toHaveBeenCalled();
  });

  it('offers a callback instead of ringing an offline shop', async () => {
    const { button, note, manager, dialog } = await render({
      presence: { shopId: 's1', online: false, available: false },
    });
    expect(button('Video Call Seller')?.disabled).toBe(true);
    expect(note()).toBe('Lamp Shop is offline right now. Request a callback and they will call you.');
    button('Video Call Seller')?.click();
    expect(manager.placeCall).not.toHaveBeenCalled();

    button('Request a callback')?.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(dialog.open).toHaveBeenCalledWith(
      CallSellerDialogComponent,
      expect.objectContaining({
        data: expect.objectContaining({ mode: 'callback', sellerId: 's1', videoUnavailable: true }),
      }),
    );
  });

  it('refuses video up front in a browser without WebRTC, keeping the phone and callback options', async () => {
    const { button, note, manager, dialog } = await render({
      presence: { shopId: 's1', online: true, available: true },
      videoSupport: 'no-webrtc',
    });
    expect(button('Video Call Seller')?.disabled).toBe(true);
    expect(note()).toBe(
      "This browser can't make video calls. Call Lamp Shop or request a callback, or use a current Chrome, Firefox, Edge or Safari for video.",
    );
    button('Video Call Seller')?.click();
    expect(manager.placeCall).not.toHaveBeenCalled();

    expect(button('Call Seller')?.disabled).toBe(false);
    button('Call Seller')?.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(dialog.open).toHaveBeenCalledWith(
      CallSellerDialogComponent,
      expect.objectContaining({ data: expect.objectContaining({ mode: 'options', videoUnavailable: true }) }),
    );
  });

  it('says so when the page cannot use the camera, and a logged-out visitor still learns to log in', async () => {
    const { button, note } = await render({ user: null, videoSupport: 'no-camera-access' });
    expect(button('Video Call Seller')?.disabled).toBe(true);
    expect(button('Call Seller')?.disabled).toBe(false);
    expect(note()).toBe(
      "This page can't use your camera or microphone, so video calls are off. Call or request a callback instead. Log in to call Lamp Shop.",
    );
  });

  it('says when the shop is online but not taking calls', async () => {
    const { note } = await render({ presence: { shopId: 's1', online: true, available: false } });
    expect(note()).toContain('not taking calls');
  });

  it('opens the phone options from "Call Seller"', async () => {
    const { button, dialog } = await render();
    button('Call Seller')?.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(dialog.open).toHaveBeenCalledWith(
      CallSellerDialogComponent,
      expect.objectContaining({
        data: expect.objectContaining({ mode: 'options', productId: 'p1', videoUnavailable: false }),
      }),
    );
  });

  it('is busy while a call is being set up', async () => {
    const { button, phase, fixture } = await render();
    phase.set('preparing');
    await fixture.whenStable();
    const video = button('Video Call Seller');
    expect(video?.disabled).toBe(true);
    expect(video?.getAttribute('aria-busy')).toBe('true');
  });

  it('derives its mode from session, presence and call state', () => {
    const online = { shopId: 's', online: true, available: true };
    expect(callButtonsMode({ loggedIn: false, role: null, presence: online, callBusy: false })).toBe(
      'logged-out',
    );
    expect(callButtonsMode({ loggedIn: true, role: 'seller', presence: online, callBusy: false })).toBe(
      'not-customer',
    );
    expect(callButtonsMode({ loggedIn: true, role: 'customer', presence: online, callBusy: true })).toBe(
      'busy',
    );
    expect(callButtonsMode({ loggedIn: true, role: 'customer', presence: null, callBusy: false })).toBe(
      'ready',
    );
  });
});
