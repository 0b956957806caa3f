import { TestBed } from '@angular/core/testing';
import { PagerComponent } from './pager.component';

async function render(page: number, pages: number) {
  const fixture = TestBed.createComponent(PagerComponent);
  fixture.componentRef.setInput('page', page);
  fixture.componentRef.setInput('pages', pages);
  fixture.componentRef.setInput('label', 'Call pages');
  const changes: number[] = [];
  fixture.componentInstance.pageChange.subscribe((p) => changes.push(p));
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const [previous, next] = Array.from(el.querySelectorAll('button'));
  return { el, previous, next, changes };
}

describe('PagerComponent', () => {
  it('names the landmark and says where the reader is', async () => {
    const { el } = await render(2, 5);
    expect(el.querySelector('nav')?.getAttribute('aria-label')).toBe('Call pages');
    expect(el.textContent).toContain('Page 2 of 5');
  });

  it('asks for the page before and after', async () => {
    const { previous, next, changes } = await render(2, 5);
    expect([previous.textContent?.trim(), next.textContent?.trim()]).toEqual(['Previous page', 'Next page']);
    previous.click();
    next.click();
    expect(changes).toEqual([1, 3]);
  });

  it('has no page before the first or after the last', async () => {
    expect((await render(1, 1)).previous.disabled).toBe(true);
    TestBed.resetTestingModule();
    expect((await render(3, 3)).next.disabled).toBe(true);
  });
});
