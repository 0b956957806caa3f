import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser';
import {
  CUSTOMERS,
  SHOP,
  UI_TIMEOUT,
  closeAll,
  expectRemoteVideoFlowing,
  incomingDialog,
  openSellerConsole,
  openSellerTab,
  openProductPage,
  personContext,
  readyVideoCallButton,
  shopProduct,
  waitFor,
  waitForText,
} from './call-helpers';

/** What the other side notices when a call does not become a conversation, and when it is answered elsewhere. */
describe('call outcomes between two browsers', () => {
  let browser: Browser;
  let contexts: BrowserContext[] = [];

  async function context(): Promise<BrowserContext> {
    const c = await personContext(browser);
    contexts.push(c);
    return c;
  }

  async function customerOnProduct(productName: string): Promise<Page> {
    const product = await shopProduct(productName);
    return openProductPage(await context(), CUSTOMERS.casey.email, product);
  }

  async function missedToday(page: Page): Promise<number> {
    await expect(
      waitFor(async () => /\d/.test((await page.getByTestId('missed-today').textContent()) ?? '')),
    ).resolves.toBe(true);
    return Number(await page.getByTestId('missed-today').textContent());
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await closeAll(...contexts);
    contexts = [];
  });
  afterAll(() => browser.close());

  it('the seller declines: the ringing stops and the customer is told', async () => {
    const seller = await openSellerConsole(await context(), SHOP.owner.email);
    const customer = await customerOnProduct('Bookshelf Speakers (pair)');

    await (await readyVideoCallButton(customer)).click();
    const ringing = incomingDialog(seller);
    await ringing.waitFor({ timeout: UI_TIMEOUT });
    await ringing.getByRole('button', { name: 'Decline' }).click();

    await expect(
      waitForText(customer.getByTestId('call-outcome'), `${SHOP.name} declined the call.`),
    ).resolves.toBe(true);
    await screenshot(customer, 'call-declined-customer-side');
    await ringing.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    expect(await customer.getByTestId('in-call').count()).toBe(0);
    expect(await seller.getByTestId('in-call').count()).toBe(0);
  });

  it('the customer cancels before an answer: the seller stops ringing and sees a missed call', async () => {
    const seller = await openSellerConsole(await context(), SHOP.owner.email);
    const customer = await customerOnProduct('Portable Bluetooth Speaker');

    await (await readyVideoCallButton(customer)).click();
    const ringing = incomingDialog(seller);
    await ringing.waitFor({ timeout: UI_TIMEOUT });
    await customer.getByTestId('outgoing-call').getByRole('button', { name: 'Cancel' }).click();

    await ringing.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await expect(
      waitForText(seller.getByTestId('call-outcome'), `Missed call from ${CUSTOMERS.casey.name}`),
    ).resolves.toBe(true);
    await expect(waitForText(customer.getByTestId('call-outcome'), 'Call cancelled')).resolves.toBe(true);
    // The call the seller never got to is highlighted in the history.
    const row = seller
      .locator('[data-testid="call-row"][data-status="cancelled"]')
      .filter({ hasText: CUSTOMERS.casey.name })
      .filter({ hasText: 'Portable Bluetooth Speaker' })
      .first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    expect(await row.textContent()).toContain(CUSTOMERS.casey.name);
    expect(await row.getAttribute('class')).toContain('row--missed');
  });

  it('nobody answers: the ringing stops at the deadline and the missed-call count goes up live', async () => {
    const seller = await openSellerConsole(await context(), SHOP.owner.email);
    const missedBefore = await missedToday(seller);
    const customer = await customerOnProduct('Studio Monitor Headphones');

    await (await readyVideoCallButton(customer)).click();
    const ringing = incomingDialog(seller);
    await ringing.waitFor({ timeout: UI_TIMEOUT });
    // The end-to-end server rings for 15 s (support/global-setup.ts).
    await ringing.waitFor({ state: 'detached', timeout: 30_000 });
    await expect(
      waitForText(seller.getByTestId('call-outcome'), `Missed call from ${CUSTOMERS.casey.name}`),
    ).resolves.toBe(true);
    await expect(
      waitForText(customer.getByTestId('call-outcome'), `No answer from ${SHOP.name}`),
    ).resolves.toBe(true);
    await expect(waitFor(async () => (await missedToday(seller)) === missedBefore + 1)).resolves.toBe(true);
    const row = seller
      .locator('[data-testid="call-row"][data-status="missed"]')
      .filter({ hasText: CUSTOMERS.casey.name })
      .filter({ hasText: 'Studio Monitor Headphones' })
      .first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    expect(await row.getAttribute('class')).toContain('row--missed');
    expect(await seller.getByTestId('calls-attention').textContent()).toMatch(/[1-9]/);
  });

  it('every seller device rings; the first to accept gets the call, the others hear "answered elsewhere"', async () => {
    const ownerContext = await context();
    const owner = await openSellerConsole(ownerContext, SHOP.owner.email);
    const ownerSecondTab = await openSellerTab(ownerContext);
    const staff = await openSellerConsole(await context(), SHOP.staff.email);
    const customer = await customerOnProduct('Noise-Cancelling Earbuds');

    await (await readyVideoCallButton(customer)).click();
    for (const page of [owner, ownerSecondTab, staff]) {
      await incomingDialog(page).waitFor({ timeout: UI_TIMEOUT });
      expect(await incomingDialog(page).textContent()).toContain('Noise-Cancelling Earbuds');
    }

    await incomingDialog(owner).getByRole('button', { name: 'Accept' }).click();

    await expect(
      waitForText(staff.getByTestId('call-outcome'), `Answered by ${SHOP.owner.name}`),
    ).resolves.toBe(true);
    await expect(
      waitForText(ownerSecondTab.getByTestId('call-outcome'), 'Answered on another device'),
    ).resolves.toBe(true);
    await screenshot(staff, 'call-answered-elsewhere-staff');
    expect(await incomingDialog(staff).count()).toBe(0);
    expect(await incomingDialog(ownerSecondTab).count()).toBe(0);

    await Promise.all([expectRemoteVideoFlowing(customer), expectRemoteVideoFlowing(owner)]);
    expect(await staff.getByTestId('in-call').count()).toBe(0);
    expect(await ownerSecondTab.getByTestId('in-call').count()).toBe(0);

    await customer.getByRole('button', { name: 'Hang up' }).click();
    await expect(waitForText(owner.getByTestId('call-outcome'), 'Call ended')).resolves.toBe(true);
  });
});
