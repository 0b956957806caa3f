import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { DraggableSelfViewDirective, clampPosition } from './draggable-self-view.directive';

describe('clampPosition', () => {
  const size = { width: 100, height: 75 };
  const area = { width: 390, height: 600 };

  it('leaves a position well inside the area alone', () => {
    expect(clampPosition({ x: 120, y: 200 }, size, area)).toEqual({ x: 120, y: 200 });
  });

  it('keeps the box a margin inside every edge', () => {
    expect(clampPosition({ x: -50, y: -10 }, size, area)).toEqual({ x: 8, y: 8 });
    expect(clampPosition({ x: 380, y: 590 }, size, area)).toEqual({ x: 282, y: 517 });
    expect(clampPosition({ x: 380, y: 590 }, size, area, 0)).toEqual({ x: 290, y: 525 });
  });

  it('pins to the top-left corner when the area is smaller than the box', () => {
    expect(clampPosition({ x: 40, y: 40 }, size, { width: 90, height: 60 })).toEqual({ x: 8, y: 8 });
  });
});

@Component({
  imports: [DraggableSelfViewDirective],
  template: `<div class="self" csDraggableSelfView></div>`,
})
class HostComponent {}

describe('DraggableSelfViewDirective', () => {
  function rect(x: number, y: number, width: number, height: number): DOMRect {
    return { x, y, left: x, top: y, width, height, right: x + width, bottom: y + height } as DOMRect;
  }

  it('follows the pointer and stops at the edge of the stage', () => {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    const el = fixture.nativeElement.querySelector('.self') as HTMLElement;
    const stage = document.createElement('div');
    stage.getBoundingClientRect = () => rect(0, 0, 390, 600);
    Object.defineProperty(el, 'offsetParent', { get: () => stage });
    let box = rect(280, 500, 100, 75);
    el.getBoundingClientRect = () => box;
    const pointer = (type: string, x: number, y: number) =>
      el.dispatchEvent(
        Object.assign(new MouseEvent(type, { clientX: x, clientY: y, button: 0, bubbles: true }), {
          pointerId: 1,
        }),
      );

    pointer('pointerdown', 300, 520); // grabbed 20 px in from its corner
    pointer('pointermove', 120, 220);
    expect([el.style.left, el.style.top]).toEqual(['100px', '200px']);

    box = rect(100, 200, 100, 75);
    pointer('pointermove', -200, 900);
    expect([el.style.left, el.style.top]).toEqual(['8px', '517px']);

    pointer('pointerup', -200, 900);
    pointer('pointermove', 150, 150);
    expect([el.style.left, el.style.top]).toEqual(['8px', '517px']);
  });
});
