import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser';
import {
  CUSTOMERS,
  SHOP,
  UI_TIMEOUT,
  closeAll,
  expectSellerStatus,
  openSellerConsole,
  openStorefront,
  personContext,
  readyVideoCallButton,
  shopProduct,
  waitFor,
  waitForText,
} from './call-helpers';

describe('seller availability, live on the product page', () => {
  let browser: Browser;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await closeAll(...contexts);
    contexts = [];
  });
  afterAll(() => browser.close());

  it('an unavailable seller is shown as such and the customer is offered a callback instead', async () => {
    const product = await shopProduct('Studio Monitor Headphones');
    const sellerContext = await personContext(browser);
    const customerContext = await personContext(browser);
    contexts.push(sellerContext, customerContext);
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);
    const customer = await openStorefront(customerContext, CUSTOMERS.jordan.email, `/products/${product.id}`);
    const videoButton = await readyVideoCallButton(customer);
    const openBefore = Number(await seller.getByTestId('open-callbacks').textContent());

    await seller.getByRole('switch', { name: 'Available' }).click();
    await expectSellerStatus(seller, 'Online: not taking calls');
    expect(await seller.getByRole('switch', { name: 'Available' }).getAttribute('aria-checked')).toBe(
      'false',
    );

    // The product page follows without a reload.
    await expect(waitFor(async () => !(await videoButton.isEnabled()))).resolves.toBe(true);
    await expect(
      waitForText(customer.getByTestId('call-buttons-note'), `${SHOP.name} is online but not taking calls`),
    ).resolves.toBe(true);
    await expect(waitForText(customer.getByTestId('online-status'), 'not taking calls')).resolves.toBe(true);
    await screenshot(customer, 'seller-unavailable-product-page');

    // The callback request reaches the console live.
    await customer.getByRole('button', { name: 'Request a callback' }).click();
    const dialog = customer.getByRole('dialog');
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    const send = dialog.getByRole('button', { name: 'Send callback request' });
    if (!(await send.isVisible())) await dialog.getByRole('button', { name: 'Request a callback' }).click();
    await dialog.getByLabel('Note for the seller (optional)').fill('After 5 pm please');
    await send.click();
    await dialog.getByTestId('callback-sent').waitFor({ timeout: UI_TIMEOUT });
    await dialog.getByRole('button', { name: 'Close' }).click();

    const request = seller.getByTestId('callback-request').filter({ hasText: 'After 5 pm please' });
    await request.waitFor({ timeout: UI_TIMEOUT });
    expect(await request.textContent()).toContain(CUSTOMERS.jordan.name);
    expect(await request.textContent()).toContain(product.name);
    expect(await request.getByTestId('phone-link').getAttribute('href')).toBe('tel:+15550107788');
    await expect(
      waitFor(
        async () => Number(await seller.getByTestId('open-callbacks').textContent()) === openBefore + 1,
      ),
    ).resolves.toBe(true);
    await screenshot(seller, 'seller-callback-request');

    await request.getByRole('button', { name: /^Mark done/ }).click();
    await request.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await expect(
      waitFor(async () => Number(await seller.getByTestId('open-callbacks').textContent()) === openBefore),
    ).resolves.toBe(true);

    // Available again: the customer can call right away.
    await seller.getByRole('switch', { name: 'Available' }).click();
    await expectSellerStatus(seller, 'Online: customers can call you');
    await expect(waitFor(() => videoButton.isEnabled())).resolves.toBe(true);
    expect(await customer.getByTestId('call-buttons-note').count()).toBe(0);
  });

  it('the choice survives a reload of the console', async () => {
    const sellerContext = await personContext(browser);
    contexts.push(sellerContext);
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);
    await seller.getByRole('switch', { name: 'Available' }).click();
    await expectSellerStatus(seller, 'Online: not taking calls');
    await seller.reload();
    await expectSellerStatus(seller, 'Online: not taking calls');
    expect(await seller.getByRole('switch', { name: 'Available' }).getAttribute('aria-checked')).toBe(
      'false',
    );
    await seller.getByRole('switch', { name: 'Available' }).click();
    await expectSellerStatus(seller, 'Online: customers can call you');
  });
});
