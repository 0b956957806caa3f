import { HttpErrorResponse } from '@angular/common/http';
import { Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { AuthResponse } from '@callshop/contracts';
import { of, throwError } from 'rxjs';
import { SignupFormComponent, type SignupExtras } from './signup-form.component';
import { authTestBed, submit, typeInto } from './testing/auth-test-bed';

/** An app's sign-up page: a shop name of its own before the account fields. */
@Component({
  selector: 'cs-test-signup',
  imports: [ReactiveFormsModule, SignupFormComponent],
  template: `
    <cs-signup-form [extras]="extras" submitLabel="Create shop" home="/products">
      <div csSignupLead [formGroup]="shop">
        <input id="shop-name" formControlName="shopName" />
        @if (shop.controls.shopName.errors?.['server']; as message) {
          <p id="shop-error">{{ message }}</p>
        }
      </div>
      <a id="login-link" href="/login">I already have an account</a>
    </cs-signup-form>
  `,
})
class TestSignupPage {
  readonly shop = inject(NonNullableFormBuilder).group({ shopName: ['', Validators.required] });
  readonly extras: SignupExtras = {
    form: this.shop,
    request: () => ({ role: 'seller', shopName: this.shop.getRawValue().shopName.trim() }),
  };
}

async function render(register: jest.Mock) {
  const bed = authTestBed({ register });
  const fixture = TestBed.createComponent(TestSignupPage);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const fill = () => {
    typeInto(el, '#shop-name', ' Lamp Shop ');
    typeInto(el, 'input[formcontrolname=name]', ' Sam ');
    typeInto(el, 'input[type=email]', 'sam@example.com ');
    typeInto(el, 'input[type=password]', 'secret123');
  };
  return { ...bed, el, fill, submit: () => submit(fixture) };
}

describe('SignupFormComponent', () => {
  it("shows the app's fields first and its link beside the button", async () => {
    const { el } = await render(jest.fn());
    const form = el.querySelector('form') as HTMLFormElement;
    expect(form.firstElementChild?.querySelector('#shop-name')).not.toBeNull();
    expect(el.querySelector('.cs-auth-actions #login-link')).not.toBeNull();
    expect(el.querySelector('button[type=submit]')?.textContent?.trim()).toBe('Create shop');
  });

  it("sends nothing while the app's own fields are incomplete", async () => {
    const register = jest.fn();
    const { fill, submit, el } = await render(register);
    fill();
    typeInto(el, '#shop-name', '');
    await submit();
    expect(register).not.toHaveBeenCalled();
  });

  it('registers with the account and the app fields, trimmed, then goes home', async () => {
    const auth = { accessToken: 't', expiresIn: 3600, user: { id: 'u1', role: 'seller', name: 'Sam' } };
    const register = jest.fn(() => of(auth as AuthResponse));
    const { fill, submit, navigate, session } = await render(register);
    fill();
    await submit();
    expect(register).toHaveBeenCalledWith({
      role: 'seller',
      shopName: 'Lamp Shop',
      name: 'Sam',
      email: 'sam@example.com',
      password: 'secret123',
    });
    expect(session.role()).toBe('seller');
    expect(navigate).toHaveBeenCalledWith('/products');
  });

  it("puts the server's messages on the fields they name, the app's fields included", async () => {
    const details = [
      { field: 'email', messages: ['That email is taken.'] },
      { field: 'shopName', messages: ['That shop name is taken.'] },
      { field: 'other', messages: ['Something else.'] },
    ];
    const register = jest.fn(() =>
      throwError(
        () =>
          new HttpErrorResponse({
            status: 400,
            error: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details },
          }),
      ),
    );
    const { el, fill, submit } = await render(register);
    fill();
    await submit();
    expect(el.querySelector('mat-error')?.textContent).toContain('That email is taken.');
    expect(el.querySelector('#shop-error')?.textContent).toContain('That shop name is taken.');
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Something else.');
  });

  it("shows the server's password rule on the password field", async () => {
    const message =
      'This password is too common: it is on lists of leaked passwords. Add a few uncommon words';
    const register = jest.fn(() =>
      throwError(
        () =>
          new HttpErrorResponse({
            status: 400,
            error: {
              statusCode: 400,
              error: 'Bad Request',
              message,
              details: [{ field: 'password', messages: [message] }],
            },
          }),
      ),
    );
    const { el, fill, submit } = await render(register);
    fill();
    await submit();
    const field = el.querySelector('input[type=password]')?.closest('mat-form-field');
    expect(field?.querySelector('mat-error')?.textContent).toContain('This password is too common');
  });
});
