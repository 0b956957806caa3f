import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { ShopAnalytics } from '@callshop/contracts';
import { DEMO_PASSWORD, apiLogin, baseUrl, launchBrowser, screenshot } from '../support/browser';

const UI = 20_000;
const SELLER = 'seller@demo.shop';
const ZONE = 'Europe/Berlin';

/** The figures the page should show, straight from the API with the seller's token. */
async function apiFigures(token: string, query: string): Promise<ShopAnalytics> {
  const res = await fetch(`${baseUrl()}/api/v2/analytics?${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`GET /analytics answered ${res.status}`);
  return res.json();
}

/** A figure's table as text cells, header row first (read from the DOM, hidden or not). */
async function tableOf(figure: Locator): Promise<string[][]> {
  return figure
    .locator('table')
    .evaluate((table: HTMLTableElement) =>
      [...table.rows].map((row) => [...row.cells].map((cell) => (cell.textContent ?? '').trim())),
    );
}

/** How many pixels of the figure's canvas something was drawn on. */
async function paintedPixels(figure: Locator): Promise<number> {
  return figure.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx || !canvas.width || !canvas.height) return 0;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return painted;
  });
}

async function waitUntil(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + UI;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * The seller opens Analytics in the console (the demo shop's two months of history): the charts
 * are drawn, and their tables say what the API says for the same period, in the browser's time
 * zone; another period reloads them; "Show as table" shows the numbers to everyone.
 */
describe('seller console: analytics', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({
      baseURL: baseUrl(),
      viewport: { width: 1280, height: 900 },
      timezoneId: ZONE,
    });
    page = await context.newPage();
    token = (await apiLogin(SELLER)).accessToken;
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('draws every chart from the shop’s data, and each table holds the same numbers as the API', async () => {
    await page.goto('/seller/login');
    await page.getByLabel('Email').fill(SELLER);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.waitForURL(/\/seller\/analytics$/, { timeout: UI });
    await page.getByTestId('period-summary').waitFor({ timeout: UI });

    // The browser's zone is the default; the period is the last 30 days there.
    expect(await page.getByTestId('time-zone').inputValue()).toBe(ZONE);
    const summary = (await page.getByTestId('period-summary').textContent()) ?? '';
    const [, from, to] = /(\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2}) \(30 days\)/.exec(summary) ?? [];
    expect(from).toBeTruthy();
    const api = await apiFigures(token, `from=${from}&to=${to}&timeZone=${ZONE}`);
    const apiTotal = api.callsPerDay.reduce((n, d) => n + d.total, 0);
    expect(apiTotal).toBeGreaterThan(30);
    expect((await page.getByTestId('tile-calls').textContent())?.trim()).toBe(String(apiTotal));

    // Every chart is drawn (Chart.js paints its canvas).
    for (const id of [
      'chart-calls-per-day',
      'chart-answering',
      'chart-missed',
      'chart-products',
      'chart-staff',
      'chart-callbacks',
    ]) {
      const figure = page.getByTestId(id);
      await waitUntil(`${id} to be drawn`, async () => (await paintedPixels(figure)) > 500);
    }
    await screenshot(page, 'console-analytics');

    // Calls per day: one row per day, the day and its total as the API has them.
    const perDay = await tableOf(page.getByTestId('chart-calls-per-day'));
    expect(perDay[0][0]).toBe('Day');
    expect(perDay.at(0)?.at(-1)).toBe('Total');
    expect(perDay.slice(1).map((r) => [r[0], Number(r.at(-1))])).toEqual(
      api.callsPerDay.map((d) => [d.date, d.total]),
    );

    const answering = Object.fromEntries((await tableOf(page.getByTestId('chart-answering'))).slice(1));
    expect(Number(answering['Incoming calls'])).toBe(api.answerRate.incoming);
    expect(Number(answering['Answered'])).toBe(api.answerRate.answered);

    const missed = (await tableOf(page.getByTestId('chart-missed'))).slice(1);
    expect(missed.map((r) => Number(r[1]))).toEqual(api.missedByReason.map((m) => m.count));

    const products = (await tableOf(page.getByTestId('chart-products'))).slice(1);
    expect(products.map((r) => [r[0], Number(r[1]), Number(r[2]), Number(r[3])])).toEqual(
      api.products.map((p) => [p.name, p.calls, p.orders, p.assistedOrders]),
    );
    expect(api.products.some((p) => p.assistedOrders > 0)).toBe(true);

    const staff = (await tableOf(page.getByTestId('chart-staff'))).slice(1);
    expect(staff.map((r) => [r[0], Number(r[1]), Number(r[2])])).toEqual(
      api.staff.map((s) => [s.name, s.callsTaken, s.callsPlaced]),
    );

    const callbacks = (await tableOf(page.getByTestId('chart-callbacks'))).slice(1);
    expect(callbacks.map((r) => [r[0], Number(r[1]), Number(r[2])])).toEqual(
      api.callbacks.perDay.map((d) => [d.date, d.opened, d.closed]),
    );

    // The heat map is a table: 7 weekdays × 24 hours, the API's counts.
    const heat = (await tableOf(page.getByTestId('chart-busiest-hours'))).slice(1);
    expect(heat.map((r) => r.slice(1).map((c) => Number(c || 0)))).toEqual(api.busiestHours);
  });

  it('reloads for another period and shows a chart’s numbers as a table on request', async () => {
    await page.getByTestId('period').selectOption('7');
    await waitUntil('the 7-day period', async () =>
      /\(7 days\)/.test((await page.getByTestId('period-summary').textContent()) ?? ''),
    );
    const figure = page.getByTestId('chart-calls-per-day');
    await waitUntil('7 rows', async () => (await tableOf(figure)).length === 8);

    // Visually hidden (read by screen readers) until asked for: its box is clipped to 1 px.
    const shownWidth = () =>
      figure.locator('table').evaluate((t) => (t.parentElement as HTMLElement).getBoundingClientRect().width);
    expect(await shownWidth()).toBeLessThanOrEqual(1);
    await figure.getByRole('button', { name: 'Show as table' }).click();
    await waitUntil('the table to show', async () => (await shownWidth()) > 100);
    expect(await figure.getByRole('button', { name: 'Hide table' }).getAttribute('aria-expanded')).toBe(
      'true',
    );

    // A custom period in another zone.
    await page.getByTestId('period').selectOption('custom');
    await page.getByTestId('time-zone').selectOption('UTC');
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 13 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('period-from').fill(from);
    await page.getByTestId('period-to').fill(to);
    await waitUntil('the custom period', async () =>
      ((await page.getByTestId('period-summary').textContent()) ?? '').includes(
        `${from} to ${to} (14 days), UTC`,
      ),
    );
    const api = await apiFigures(token, `from=${from}&to=${to}&timeZone=UTC`);
    await waitUntil('the UTC figures', async () => {
      const rows = (await tableOf(figure)).slice(1);
      return (
        JSON.stringify(rows.map((r) => [r[0], Number(r.at(-1))])) ===
        JSON.stringify(api.callsPerDay.map((d) => [d.date, d.total]))
      );
    });
  });
});
