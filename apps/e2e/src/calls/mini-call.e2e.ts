import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser';
import {
  CUSTOMERS,
  SHOP,
  answeredVideoCall,
  closeAll,
  expectRemoteVideoFlowing,
  openProductPage,
  openSellerConsole,
  personContext,
  shopProduct,
  waitFor,
} from './call-helpers';

/**
 * The customer shrinks a live call to the mini view, browses the storefront (the page is
 * usable, the call goes on: sound and frames), and grows it back.
 */
describe('the call survives browsing', () => {
  let browser: Browser;
  let customerContext: BrowserContext | undefined;
  let sellerContext: BrowserContext | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await closeAll(customerContext, sellerContext);
    await browser.close();
  });

  it('the customer minimizes the call, goes to the catalog and another product, and comes back to the call', async () => {
    const product = await shopProduct('Studio Monitor Headphones');
    sellerContext = await personContext(browser);
    customerContext = await personContext(browser);
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);
    const customer = await openProductPage(customerContext, CUSTOMERS.casey.email, product);
    await answeredVideoCall(customer, seller);
    const connections = () =>
      customer.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.length);
    const before = await connections();

    await customer.getByRole('button', { name: /^Minimize/ }).click();
    const mini = customer.getByTestId('mini-call');
    await mini.waitFor();
    expect(await customer.getByTestId('in-call').count()).toBe(0);
    expect(await customer.evaluate(() => document.querySelector('[inert]') === null)).toBe(true);

    // The page is usable: the catalog, then another product, while the call goes on.
    await customer.getByRole('link', { name: 'Callshop home' }).click();
    await customer.waitForURL((u) => u.pathname === '/');
    const other = customer.locator('a[href^="/products/"]').first();
    await other.click();
    await customer.waitForURL((u) => u.pathname.startsWith('/products/'));
    await customer.getByTestId('product-name').waitFor();
    await mini.waitFor();
    await expectRemoteVideoFlowing(customer);
    expect(await connections()).toBe(before);
    await screenshot(customer, 'mini-call-while-browsing');
    // The seller still has the call in full, and still sees the customer.
    expect(await seller.getByTestId('in-call').count()).toBe(1);
    await expectRemoteVideoFlowing(seller);

    // Back to the full call, which goes on.
    await mini.getByRole('button', { name: 'Back to call' }).click();
    await customer.getByTestId('in-call').waitFor();
    expect(await customer.getByTestId('mini-call').count()).toBe(0);
    await expect(
      waitFor(async () => customer.evaluate(() => document.querySelector('[inert]') !== null)),
    ).resolves.toBe(true);
    await expectRemoteVideoFlowing(customer);
    await customer.getByRole('button', { name: 'Hang up' }).click();
    await customer.getByTestId('call-outcome').waitFor();
  }, 120_000);
});
