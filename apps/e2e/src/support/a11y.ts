import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** One axe finding, short enough to read in a failed assertion. */
export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * The serious and critical accessibility violations axe finds on the page as it is now
 * (WCAG 2.x A and AA rules and axe's best practices), or only inside `within` (a selector),
 * e.g. a call view over a page that is inert and was scanned on its own. An empty list is a pass.
 */
export async function seriousAxeViolations(page: Page, within?: string): Promise<AxeFinding[]> {
  const builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'wcag22aa',
    'best-practice',
  ]);
  // Legacy mode runs axe in the page itself; the default opens an extra blank page per scan
  // to merge the results of frames, which doubles a scan's time, and our pages have no frames.
  // (Not `resultTypes: ['violations']`, also faster: with it axe 4.14 misses target-size.)
  builder.setLegacyMode(true);
  const results = await (within ? builder.include(within) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
}

/**
 * Expects no serious or critical axe violation on the page (or inside `within`); `where`
 * names the page or call state.
 */
export async function expectNoSeriousAxeViolations(
  page: Page,
  where: string,
  within?: string,
): Promise<void> {
  expect({ where, violations: await seriousAxeViolations(page, within) }).toEqual({ where, violations: [] });
}

/** What sticks out sideways: the page's own width beyond the viewport, and the element's box. */
export async function horizontalOverflow(
  page: Page,
  selector: string,
): Promise<{ viewport: number; pageWidth: number; left: number; right: number }> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const box = el?.getBoundingClientRect();
    return {
      viewport: window.innerWidth,
      pageWidth: document.documentElement.scrollWidth,
      left: box ? Math.floor(box.left) : -1,
      right: box ? Math.ceil(box.right) : Number.MAX_SAFE_INTEGER,
    };
  }, selector);
}

/** Expects the element `selector` to sit inside the viewport's width, with nothing scrolling sideways. */
export async function expectFitsWidth(page: Page, selector: string, where: string): Promise<void> {
  const o = await horizontalOverflow(page, selector);
  expect({ where, ...o, fits: o.left >= 0 && o.right <= o.viewport && o.pageWidth <= o.viewport }).toEqual(
    expect.objectContaining({ where, fits: true }),
  );
}

/**
 * The visible controls inside `selector` smaller than `min` × `min` CSS px: buttons, links,
 * selects, radio buttons and text fields (the field's box, which is what a finger hits).
 */
export async function smallControls(page: Page, selector: string, min = 44): Promise<string[]> {
  return page.evaluate(
    ({ sel, min }) => {
      const root = document.querySelector(sel);
      if (!root) return [`${sel} not found`];
      const controls = root.querySelectorAll<HTMLElement>(
        'button, a[href], select, mat-radio-button, .mat-mdc-text-field-wrapper',
      );
      const small: string[] = [];
      controls.forEach((el) => {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (!box.width || !box.height || style.visibility === 'hidden' || style.opacity === '0') return;
        if (box.width < min || box.height < min) {
          const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
          small.push(
            `${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`,
          );
        }
      });
      return small;
    },
    { sel: selector, min },
  );
}
