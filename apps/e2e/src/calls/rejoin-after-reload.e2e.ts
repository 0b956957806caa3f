import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser';
import {
  CUSTOMERS,
  SHOP,
  UI_TIMEOUT,
  answeredVideoCall,
  closeAll,
  expectRemoteVideoFlowing,
  openProductPage,
  openSellerConsole,
  personContext,
  shopProduct,
  waitForText,
} from './call-helpers';

/**
 * A page reloaded during an answered call offers to rejoin it; rejoining re-binds the call to
 * the new page and video flows both ways again. The e2e API waits 5 s for a lost device
 * (CALL_RECONNECT_GRACE_MS), so the test rejoins right away. Its products are used by no other
 * call test, so its calls never show up in the rows those tests read from the history.
 */
describe('rejoin a call after a page reload', () => {
  let browser: Browser;
  let customerContext: BrowserContext | undefined;
  let sellerContext: BrowserContext | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await closeAll(customerContext, sellerContext);
    customerContext = sellerContext = undefined;
  });
  afterAll(() => browser.close());

  it('customer reloads mid-call, rejoins, and both see video again', async () => {
    const product = await shopProduct('Bookshelf Speakers (pair)');
    sellerContext = await personContext(browser);
    customerContext = await personContext(browser);
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);
    const customer = await openProductPage(customerContext, CUSTOMERS.casey.email, product);
    await answeredVideoCall(customer, seller);

    await customer.reload();
    const banner = customer.getByTestId('rejoin-call');
    await banner.waitFor({ timeout: UI_TIMEOUT });
    expect(await banner.textContent()).toContain(`Your call with ${SHOP.name} is still on`);
    expect(await customer.getByTestId('in-call').count()).toBe(0);
    await screenshot(customer, 'rejoin-offer-after-reload');
    await customer.getByRole('button', { name: 'Rejoin', exact: true }).click();

    await banner.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    // The new page first (its video element is new), then the seller, whose element still
    // holds the last frame from before the reload: its decoded frames must grow again.
    await expectRemoteVideoFlowing(customer);
    await expectRemoteVideoFlowing(seller);
    // The timer goes on from when the call was answered.
    await expect(waitForText(customer.getByTestId('in-call'), /In call · \d+:\d{2}/)).resolves.toBe(true);
    await expect(waitForText(seller.getByTestId('in-call'), /In call · \d+:\d{2}/)).resolves.toBe(true);
    await screenshot(customer, 'rejoin-customer-side-after-reload');

    await customer.getByRole('button', { name: 'Hang up' }).click();
    await expect(waitForText(customer.getByTestId('call-outcome'), 'Call ended')).resolves.toBe(true);
    await expect(waitForText(seller.getByTestId('call-outcome'), 'Call ended')).resolves.toBe(true);
  });

  it('seller reloads mid-call and rejoins as the polite side; the customer hangs up', async () => {
    const product = await shopProduct('Portable Bluetooth Speaker');
    sellerContext = await personContext(browser);
    customerContext = await personContext(browser);
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);
    const customer = await openProductPage(customerContext, CUSTOMERS.jordan.email, product);
    await answeredVideoCall(customer, seller);

    await seller.reload();
    const banner = seller.getByTestId('rejoin-call');
    await banner.waitFor({ timeout: UI_TIMEOUT });
    expect(await banner.textContent()).toContain(`Your call with ${CUSTOMERS.jordan.name} is still on`);
    await seller.getByRole('button', { name: 'Rejoin', exact: true }).click();

    await banner.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await expectRemoteVideoFlowing(seller);
    await expectRemoteVideoFlowing(customer);

    await customer.getByRole('button', { name: 'Hang up' }).click();
    await expect(waitForText(customer.getByTestId('call-outcome'), 'Call ended')).resolves.toBe(true);
    await expect(waitForText(seller.getByTestId('call-outcome'), 'Call ended')).resolves.toBe(true);
  });
});
