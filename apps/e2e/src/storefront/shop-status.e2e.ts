import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, screenshot } from '../support/browser';
import { ScriptedSeller } from './scripted-seller';

const SHOP = { name: 'Greenleaf Home & Garden', email: 'garden@demo.shop' };
const UI = 15_000;

async function textOf(page: Page, testId: string): Promise<string[]> {
  return (await page.getByTestId(testId).allTextContents()).map((t) => t.trim());
}

async function waitFor(check: () => Promise<boolean>, timeout = UI): Promise<boolean> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** A visitor who is not signed in sees whether shops are online on the catalog and the shop page. */
describe('shop status where shoppers look, signed out', () => {
  let browser: Browser;
  let context: BrowserContext;
  let seller: ScriptedSeller;
  beforeAll(async () => {
    browser = await launchBrowser();
    seller = await ScriptedSeller.connect(SHOP.email);
    context = await newContext(browser);
  });
  afterAll(async () => {
    seller.disconnect();
    await context.close();
    await browser.close();
  });

  it('catalog cards and the shop page show the status without the socket; the shop page has the call buttons', async () => {
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    page.on('request', (r) => r.url().includes('/socket.io') && sockets.push(r.url()));

    await page.goto(`/?shopId=${seller.shopId}`);
    await page.getByTestId('product-card').first().waitFor({ timeout: UI });
    const cards = page.getByTestId('card-shop-status');
    await expect(
      waitFor(async () => (await textOf(page, 'card-shop-status')).every((t) => t === 'Online now')),
    ).resolves.toBe(true);
    expect(await cards.count()).toBeGreaterThan(0);
    await screenshot(page, 'catalog-cards-with-shop-status');

    await page.goto(`/shops/${seller.shopId}`);
    await page.getByTestId('shop-name').waitFor({ timeout: UI });
    const badge = page.locator('header').getByTestId('online-status');
    await expect(waitFor(async () => (await badge.textContent())?.trim() === 'Online now')).resolves.toBe(
      true,
    );
    const call = page.getByTestId('shop-call');
    await call.getByRole('button', { name: 'Video Call Seller' }).waitFor({ timeout: UI });
    expect(await call.getByTestId('call-buttons-note').textContent()).toContain('Log in to call');
    await screenshot(page, 'shop-page-signed-out');
    // No call layer for a signed-out visitor: no socket was opened on either page.
    expect(sockets).toEqual([]);

    await seller.setAvailable(false);
    await page.reload();
    await expect(
      waitFor(async () => (await badge.textContent())?.trim() === 'Online, not taking calls'),
    ).resolves.toBe(true);
    await seller.setAvailable(true);
  });
});
