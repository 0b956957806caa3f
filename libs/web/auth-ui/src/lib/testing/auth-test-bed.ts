/* Shared set-up of the auth form specs. */
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AuthApi, AuthSession, SESSION_STORAGE, SESSION_STORAGE_KEY } from '@callshop/web/core';

/** A test module whose AuthApi is `api`, with a session kept nowhere and navigation recorded. */
export function authTestBed(api: Partial<Record<keyof AuthApi, jest.Mock>>) {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      { provide: AuthApi, useValue: api },
      { provide: SESSION_STORAGE_KEY, useValue: 'test' },
      { provide: SESSION_STORAGE, useValue: null },
    ],
  });
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  return { navigate, session: TestBed.inject(AuthSession) };
}

/** Types `value` into the input `selector` finds, as a user would. */
export function typeInto(el: HTMLElement, selector: string, value: string): void {
  const input = el.querySelector(selector) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

/** Clicks the submit button and waits for the view to settle. */
export async function submit(fixture: ComponentFixture<unknown>): Promise<void> {
  (fixture.nativeElement.querySelector('button[type=submit]') as HTMLButtonElement).click();
  await fixture.whenStable();
}
