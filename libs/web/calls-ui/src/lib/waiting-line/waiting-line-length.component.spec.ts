import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  API_BASE_URL,
  AuthSession,
  CallSocket,
  SESSION_STORAGE,
  SESSION_STORAGE_KEY,
} from '@callshop/web/core';
import { FakeSocket, seller } from '../testing/call-fixtures';
import { renderView } from '../testing/render';
import { WaitingLineLengthComponent } from './waiting-line-length.component';

describe('WaitingLineLengthComponent', () => {
  it("reads the shop's line once connected, then follows line:length pushes for its own shop only", async () => {
    const socket = new FakeSocket();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_BASE_URL, useValue: '/api/v2' },
        { provide: CallSocket, useValue: socket },
        { provide: SESSION_STORAGE_KEY, useValue: 'test' },
        { provide: SESSION_STORAGE, useValue: null },
      ],
    });
    TestBed.inject(AuthSession).start({ accessToken: 'tok', expiresIn: 3600, user: seller });
    const { el, fixture } = await renderView(WaitingLineLengthComponent);
    const http = TestBed.inject(HttpTestingController);
    const value = () => el.querySelector('[data-testid="waiting-line-length"]')?.textContent?.trim();
    http
      .expectOne('/api/v2/shops/shop-1/waiting-line')
      .flush({ shopId: 'shop-1', length: 2, estimatedWaitSeconds: 540 });
    await fixture.whenStable();
    expect(value()).toBe('2');
    expect(el.textContent).toContain('customers waiting in line');

    socket.push('line:length', { shopId: 'shop-1', length: 1 });
    await fixture.whenStable();
    expect(value()).toBe('1');
    expect(el.textContent).toContain('customer waiting in line');
    socket.push('line:length', { shopId: 'other-shop', length: 9 });
    await fixture.whenStable();
    expect(value()).toBe('1');
    http.verify();
  });
});
