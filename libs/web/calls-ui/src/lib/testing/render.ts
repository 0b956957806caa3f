/* Rendering a call view in a spec. */
import type { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';

/**
 * Creates `component` with the providers configured so far and `inputs` set, waits for it to
 * render, and finds its buttons by their text.
 */
export async function renderView<T>(component: Type<T>, inputs: Record<string, unknown> = {}) {
  const fixture = TestBed.createComponent(component);
  for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const button = (name: string) =>
    Array.from(el.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === name,
    ) as HTMLButtonElement;
  return { fixture, el, button };
}
