import { DestroyRef, Directive, ElementRef, inject } from '@angular/core';

export interface Point {
  x: number;
  y: number;
}
export interface Size {
  width: number;
  height: number;
}

/**
 * Where a box of `size` may sit inside an `area`: at `wanted`, moved just enough to stay
 * `margin` pixels inside every edge (pinned to the top-left when the area is too small).
 */
export function clampPosition(wanted: Point, size: Size, area: Size, margin = 8): Point {
  const clamp = (value: number, length: number, room: number) =>
    Math.max(margin, Math.min(value, room - length - margin));
  return { x: clamp(wanted.x, size.width, area.width), y: clamp(wanted.y, size.height, area.height) };
}

/**
 * Lets the self view (or the mini call view) be dragged with a finger or the mouse anywhere
 * inside its positioned parent (the stage), or the window for a fixed box, never off it; it stays put where it was left, and comes back inside
 * when the stage shrinks (a phone turned round). Until moved, the stylesheet places it.
 */
@Directive({
  selector: '[csDraggableSelfView]',
  host: {
    '(pointerdown)': 'start($event)',
    '(pointermove)': 'move($event)',
    '(pointerup)': 'end($event)',
    '(pointercancel)': 'end($event)',
    style: 'touch-action: none; cursor: grab',
  },
})
export class DraggableSelfViewDirective {
  private readonly el = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private grab: { pointerId: number; dx: number; dy: number } | null = null;
  private placed: Point | null = null;

  constructor() {
    const refit = () => {
      if (this.placed) this.place(this.placed);
    };
    window.addEventListener('resize', refit);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('resize', refit));
  }

  protected start(event: PointerEvent): void {
    if (event.button !== 0) return;
    // A press on a control inside (the mini view's buttons) is the control's, not a drag.
    if ((event.target as Element | null)?.closest?.('button, a, input, select, textarea')) return;
    const box = this.el.getBoundingClientRect();
    this.grab = { pointerId: event.pointerId, dx: event.clientX - box.left, dy: event.clientY - box.top };
    this.el.setPointerCapture?.(event.pointerId);
    event.preventDefault();
  }

  protected move(event: PointerEvent): void {
    if (!this.grab || event.pointerId !== this.grab.pointerId) return;
    const area = this.area();
    if (!area) return;
    this.place({ x: event.clientX - area.left - this.grab.dx, y: event.clientY - area.top - this.grab.dy });
  }

  protected end(event: PointerEvent): void {
    if (this.grab?.pointerId !== event.pointerId) return;
    this.grab = null;
    this.el.releasePointerCapture?.(event.pointerId);
  }

  /** The positioned parent's box; the window's for a fixed box (the mini call view). */
  private area(): DOMRect | null {
    const parent = this.el.offsetParent as HTMLElement | null;
    if (parent) return parent.getBoundingClientRect();
    const view = this.el.ownerDocument.defaultView;
    if (!view || view.getComputedStyle(this.el).position !== 'fixed') return null;
    return new DOMRect(0, 0, view.innerWidth, view.innerHeight);
  }

  private place(wanted: Point): void {
    const area = this.area();
    if (!area) return;
    const box = this.el.getBoundingClientRect();
    const at = clampPosition(wanted, box, area);
    this.placed = at;
    Object.assign(this.el.style, { left: `${at.x}px`, top: `${at.y}px`, right: 'auto', bottom: 'auto' });
  }
}
