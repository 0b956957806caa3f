import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FocusOnOpen } from './focus-on-open.directive';

@Component({
  imports: [FocusOnOpen],
  template: `
    <button type="button" id="outside">Outside</button>
    @if (open()) {
      <div csFocusOnOpen>
        <button type="button" disabled>Disabled</button>
        <button type="button" id="first">First</button>
        @if (initial()) {
          <button type="button" id="initial" cdkFocusInitial>Accept</button>
        }
      </div>
    }
  `,
})
class Host {
  readonly open = signal(false);
  readonly initial = signal(true);
}

async function render(initial: boolean) {
  const fixture = TestBed.createComponent(Host);
  document.body.appendChild(fixture.nativeElement);
  fixture.componentInstance.initial.set(initial);
  await fixture.whenStable();
  (fixture.nativeElement.querySelector('#outside') as HTMLElement).focus();
  fixture.componentInstance.open.set(true);
  await fixture.whenStable();
  return document.activeElement?.id;
}

describe('FocusOnOpen', () => {
  it('focuses the cdkFocusInitial element once the view has rendered', async () => {
    expect(await render(true)).toBe('initial');
  });

  it('otherwise the first element that can take focus', async () => {
    expect(await render(false)).toBe('first');
  });
});
