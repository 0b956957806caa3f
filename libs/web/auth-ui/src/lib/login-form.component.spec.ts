import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { AuthResponse } from '@callshop/contracts';
import { of, throwError } from 'rxjs';
import { LoginFormComponent, type AccountCheck } from './login-form.component';
import { authTestBed, submit, typeInto } from './testing/auth-test-bed';

const auth = (role: 'customer' | 'seller') =>
  ({ accessToken: 't', expiresIn: 3600, user: { id: 'u1', role, name: 'Ada' } }) as AuthResponse;

async function render(login: jest.Mock, inputs: { home?: string; accountCheck?: AccountCheck } = {}) {
  const bed = authTestBed({ login });
  const fixture = TestBed.createComponent(LoginFormComponent);
  for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const type = (selector: string, value: string) => typeInto(el, selector, value);
  return { ...bed, el, type, submit: () => submit(fixture) };
}

describe('LoginFormComponent', () => {
  it('asks for both fields before sending anything', async () => {
    const login = jest.fn();
    const { el, submit } = await render(login);
    await submit();
    expect(login).not.toHaveBeenCalled();
    expect(el.textContent).toContain('Email is required.');
    expect(el.textContent).toContain('Password is required.');
  });

  it('goes home after logging in without a return URL', async () => {
    const { type, submit, navigate, session } = await render(
      jest.fn(() => of(auth('seller'))),
      {
        home: '/calls',
      },
    );
    type('input[type=email]', 'sam@example.com');
    type('input[type=password]', 'secret123');
    await submit();
    expect(session.role()).toBe('seller');
    expect(navigate).toHaveBeenCalledWith('/calls');
  });

  it('turns away an account the app is not for, without starting its session', async () => {
    const { el, type, submit, navigate, session } = await render(
      jest.fn(() => of(auth('customer'))),
      {
        accountCheck: (user) => (user.role === 'seller' ? null : 'This is a customer account.'),
      },
    );
    type('input[type=email]', 'ada@example.com');
    type('input[type=password]', 'secret123');
    await submit();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('This is a customer account.');
    expect(session.isAuthenticated()).toBe(false);
    expect(navigate).not.toHaveBeenCalled();
    expect((el.querySelector('button[type=submit]') as HTMLButtonElement).disabled).toBe(false);
  });

  it('passes on what the server says when it is not about the password', async () => {
    const login = jest.fn(() =>
      throwError(
        () =>
          new HttpErrorResponse({
            status: 429,
            error: { statusCode: 429, error: 'Too Many Requests', message: 'Slow down.' },
          }),
      ),
    );
    const { el, type, submit } = await render(login);
    type('input[type=email]', 'ada@example.com');
    type('input[type=password]', 'secret123');
    await submit();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Slow down.');
  });
});
