/*
 * Element look-ups that run inside the page (serialized with `toString()` by puppeteer and by
 * the WebDriver client), finding elements the way the Playwright tests do: buttons by
 * accessible name, fields by label. Keep them self-contained: no imports, no outer variables.
 */

/** The button (not a link) whose accessible name is `name`, inside the element matching `scope`. */
export function buttonIn(scope: string | null, name: string): Element | null {
  const root = scope ? document.querySelector(scope) : document;
  if (!root) return null;
  const label = (el: Element) =>
    (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
  return (
    Array.from(root.querySelectorAll('button, [role="button"]')).find((el) => label(el) === name) ?? null
  );
}

/** The form control labelled `name` (an Angular Material field's label, without its `*`). */
export function fieldLabelled(name: string): Element | null {
  for (const label of Array.from(document.querySelectorAll('label'))) {
    const text = (label.textContent ?? '').replace(/[*\s]+$/, '').trim();
    if (text === name)
      return label.control ?? (label.htmlFor ? document.getElementById(label.htmlFor) : null);
  }
  return null;
}
