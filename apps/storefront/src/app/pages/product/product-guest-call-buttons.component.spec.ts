import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { ShopSummary } from '@callshop/contracts';
import { VIDEO_CALL_SUPPORT, type VideoCallSupport } from '@callshop/web/rtc';
import { ProductGuestCallButtonsComponent } from './product-guest-call-buttons.component';

const shop = { id: 's1', name: 'Northwind Audio', isPlatform: false } as ShopSummary;

async function render(support: VideoCallSupport, theShop: ShopSummary = shop) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), { provide: VIDEO_CALL_SUPPORT, useValue: support }],
  });
  const router = TestBed.inject(Router);
  const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
  jest.spyOn(router, 'url', 'get').mockReturnValue('/products/p1');
  const fixture = TestBed.createComponent(ProductGuestCallButtonsComponent);
  fixture.componentRef.setInput('shop', theShop);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const button = (name: string) =>
    [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
  const note = () => el.querySelector('[data-testid=call-buttons-note]')?.textContent?.trim();
  return { el, navigate, button, note };
}

describe('ProductGuestCallButtonsComponent', () => {
  it('asks a visitor to log in, and both buttons lead there and back', async () => {
    const { navigate, button, note } = await render('supported');
    expect(note()).toBe('Log in to call Northwind Audio.');
    expect(button('Video Call Seller').disabled).toBe(false);
    button('Video Call Seller').click();
    expect(navigate).toHaveBeenLastCalledWith(['/login'], { queryParams: { returnUrl: '/products/p1' } });
    navigate.mockClear();
    button('Call Seller').click();
    expect(navigate).toHaveBeenLastCalledWith(['/login'], { queryParams: { returnUrl: '/products/p1' } });
  });

  it('in a browser without WebRTC, video is off and the note says why before asking to log in', async () => {
    const { navigate, button, note } = await render('no-webrtc');
    expect(button('Video Call Seller').disabled).toBe(true);
    expect(note()).toMatch(/^This browser can't make video calls\. .* Log in to call Northwind Audio\.$/);
    button('Video Call Seller').click();
    expect(navigate).not.toHaveBeenCalled();
    expect(button('Call Seller').disabled).toBe(false);
  });

  it('says "Support" for a platform-operated shop, and the note describes both buttons', async () => {
    const { el, button } = await render('supported', { ...shop, isPlatform: true });
    expect(button('Video Call Support')).toBeTruthy();
    expect(button('Call Support')).toBeTruthy();
    const noteId = el.querySelector('[data-testid=call-buttons-note]')?.id;
    for (const b of el.querySelectorAll('button')) expect(b.getAttribute('aria-describedby')).toBe(noteId);
  });
});
