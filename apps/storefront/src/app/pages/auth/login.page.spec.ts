import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { AuthResponse } from '@callshop/contracts';
import { AuthApi, AuthSession, SESSION_STORAGE, SESSION_STORAGE_KEY } from '@callshop/web/core';
import { of, throwError } from 'rxjs';
import { LoginPage } from './login.page';

const auth = {
  accessToken: 't',
  expiresIn: 3600,
  user: { id: 'u1', role: 'customer', name: 'Ada' },
} as AuthResponse;

async function render(login: jest.Mock, returnUrl?: string) {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      { provide: AuthApi, useValue: { login } },
      { provide: SESSION_STORAGE_KEY, useValue: 'test' },
      { provide: SESSION_STORAGE, useValue: null },
    ],
  });
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  const fixture = TestBed.createComponent(LoginPage);
  if (returnUrl) fixture.componentRef.setInput('returnUrl', returnUrl);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const type = (selector: string, value: string) => {
    const input = el.querySelector(selector) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  type('input[type=email]', 'ada@example.com');
  type('input[type=password]', 'secret123');
  (el.querySelector('button[type=submit]') as HTMLButtonElement).click();
  await fixture.whenStable();
  return { el, navigate, session: TestBed.inject(AuthSession) };
}

describe('LoginPage', () => {
  it('starts the session and goes back to the return URL', async () => {
    const login = jest.fn(() => of(auth));
    const { navigate, session } = await render(login, '/products/p1');
    expect(login).toHaveBeenCalledWith({ email: 'ada@example.com', password: 'secret123' });
    expect(session.user()?.name).toBe('Ada');
    expect(navigate).toHaveBeenCalledWith('/products/p1');
  });

  it('refuses to follow a return URL to another site', async () => {
    const { navigate } = await render(
      jest.fn(() => of(auth)),
      'https://evil.example.com',
    );
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('says when the credentials are wrong', async () => {
    const login = jest.fn(() => throwError(() => new HttpErrorResponse({ status: 401 })));
    const { el, session } = await render(login);
    expect(el.querySelector('[role=alert]')?.textContent).toContain('do not match');
    expect(session.isAuthenticated()).toBe(false);
  });
});
