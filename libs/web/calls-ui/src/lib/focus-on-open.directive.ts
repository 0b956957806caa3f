import { DOCUMENT } from '@angular/common';
import { Directive, ElementRef, afterNextRender, inject } from '@angular/core';

/** What can take focus in a call view, in document order. */
const FOCUSABLE =
  'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Moves focus into a call view once it has rendered: to its `cdkFocusInitial` element, or its
 * first focusable one. Used beside `cdkTrapFocus` instead of its auto-capture, which measures
 * the view for a visible, tabbable element (a forced layout of the whole page, 10-35 ms at the
 * moment a call is being set up); a call view is always on screen when it renders. Focus goes
 * back where it was through {@link PageBehindCall} when the call view closes.
 */
@Directive({ selector: '[csFocusOnOpen]' })
export class FocusOnOpen {
  constructor() {
    const host: HTMLElement = inject(ElementRef).nativeElement;
    const doc = inject(DOCUMENT);
    afterNextRender(() => {
      if (host.contains(doc.activeElement)) return;
      const target =
        host.querySelector<HTMLElement>('[cdkFocusInitial]') ?? host.querySelector<HTMLElement>(FOCUSABLE);
      target?.focus({ preventScroll: true });
    });
  }
}
