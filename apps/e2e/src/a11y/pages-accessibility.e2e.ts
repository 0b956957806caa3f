import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoSeriousAxeViolations } from '../support/a11y';
import { launchBrowser, newContext } from '../support/browser';
import { SHOP, UI_TIMEOUT, openSellerConsole, shopProduct } from '../calls/call-helpers';

/**
 * axe finds no serious or critical violation on the pages people land on, logged out and in
 * (the pages a call passes through, My calls with rows and the console's history, are checked
 * by the phone call test, during and after its call). Plus a keyboard focus ring on controls.
 */
describe('accessibility of the pages', () => {
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await context?.close();
    await browser.close();
  });

  /** The outline a keyboard user sees on the focused element. */
  const focusRing = (page: Page) =>
    page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });

  it('storefront: home, product page and log-in', async () => {
    context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByTestId('product-card').first().waitFor({ timeout: UI_TIMEOUT });
    await expectNoSeriousAxeViolations(page, 'storefront home');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusRing(page)).toEqual({ style: 'solid', width: 3 });

    const product = await shopProduct('Studio Monitor Headphones');
    await page.goto(`/products/${product.id}`);
    await page.getByTestId('product-name').waitFor({ timeout: UI_TIMEOUT });
    await expectNoSeriousAxeViolations(page, 'product page, logged out');

    await page.goto('/login');
    await page.getByLabel('Email').waitFor();
    await expectNoSeriousAxeViolations(page, 'storefront log-in');
    await context.close();
  });

  it('seller console: log-in, calls and callbacks, products, staff', async () => {
    context = await newContext(browser);
    const login = await context.newPage();
    await login.goto('/seller/login');
    await login.getByLabel('Email').waitFor({ timeout: UI_TIMEOUT });
    await expectNoSeriousAxeViolations(login, 'console log-in');
    await login.close();

    const page = await openSellerConsole(context, SHOP.owner.email);
    await page.getByTestId('call-history').waitFor();
    await expectNoSeriousAxeViolations(page, 'console calls, history and callbacks');
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusRing(page)).toEqual({ style: 'solid', width: 3 });
    for (const path of ['products', 'staff']) {
      await page.goto(`/seller/${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor({ timeout: UI_TIMEOUT });
      await expectNoSeriousAxeViolations(page, `console ${path}`);
    }
  });
});
