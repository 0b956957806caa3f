/** Runs `fn` when the browser is idle (within 2 s), or soon where it cannot tell (Safari). */
export function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout: 2000 });
  else setTimeout(fn, 200);
}
