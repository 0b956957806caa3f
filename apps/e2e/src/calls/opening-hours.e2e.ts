import type { Browser, BrowserContext } from 'playwright-core';
import { apiLogin, baseUrl, launchBrowser, newContext, screenshot } from '../support/browser';
import {
  CUSTOMERS,
  SHOP,
  UI_TIMEOUT,
  closeAll,
  openProductPage,
  openSellerConsole,
  personContext,
  shopProduct,
  waitFor,
  waitForText,
} from './call-helpers';

/** Removes the demo shop's hours, so no other test finds it closed. */
async function clearHours(): Promise<void> {
  const owner = await apiLogin(SHOP.owner.email);
  await fetch(`${baseUrl()}/api/v2/shops/${owner.user.shopId}/opening-hours`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${owner.accessToken}` },
  });
}

describe('opening hours', () => {
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await clearHours();
    await closeAll(...contexts);
    contexts = [];
  });
  afterAll(() => browser.close());

  it('closed today in the console: visitors read when it opens on the shop and product pages, and a call offers a callback instead of ringing', async () => {
    const product = await shopProduct('Studio Monitor Headphones');
    const sellerContext = await personContext(browser);
    const visitorContext = await newContext(browser);
    const customerContext = await personContext(browser);
    contexts.push(sellerContext, visitorContext, customerContext);
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);

    const editor = seller.getByTestId('opening-hours');
    await editor.locator('summary').click();
    await expect(
      waitForText(editor.getByTestId('opening-hours-state'), 'Not set: always open'),
    ).resolves.toBe(true);
    await editor.getByLabel('Time zone').fill('UTC');
    await editor.getByLabel('Time zone').dispatchEvent('change');
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
      await editor.getByRole('checkbox', { name: day }).check();
    }
    const today = new Date().toISOString().slice(0, 10);
    await editor.getByLabel('Add a date').fill(today);
    await editor.getByRole('button', { name: 'Add', exact: true }).click();
    await editor.getByRole('button', { name: 'Save opening hours' }).click();
    await expect(
      waitForText(editor.getByTestId('opening-hours-state'), 'Closed now: calls do not ring'),
    ).resolves.toBe(true);

    // A visitor, signed out, on the shop page: tomorrow at 09:00 UTC, in the browser's own zone.
    const visitor = await visitorContext.newPage();
    await visitor.goto(`/shops/${product.shop.id}`);
    const expected = `Opens tomorrow at ${new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(`${today}T09:00:00Z`))}`;
    await expect(waitForText(visitor.getByTestId('opening-status'), expected)).resolves.toBe(true);
    await screenshot(visitor, 'shop-page-closed');
    // The product page says the same, beside the call buttons.
    await visitor.goto(`/products/${product.id}`);
    await expect(waitForText(visitor.getByTestId('opening-status'), expected)).resolves.toBe(true);

    // A signed-in customer calls anyway from the product page: nothing rings, a callback is offered.
    const customer = await openProductPage(customerContext, CUSTOMERS.jordan.email, product);
    await customer.getByRole('button', { name: 'Video Call Seller' }).click();
    const outcome = customer.getByTestId('call-outcome');
    await expect(waitForText(outcome, 'The shop is closed now.')).resolves.toBe(true);
    await outcome.getByRole('button', { name: 'Request a callback' }).waitFor({ timeout: UI_TIMEOUT });
    expect(await seller.getByRole('alertdialog').count()).toBe(0);

    // Removed: open again.
    await editor.getByRole('button', { name: 'Remove hours (always open)' }).click();
    await expect(
      waitFor(
        async () =>
          (await editor.getByTestId('opening-hours-state').textContent())?.includes('always open') === true,
      ),
    ).resolves.toBe(true);
  });
});
