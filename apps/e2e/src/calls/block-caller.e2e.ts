import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiLogin, baseUrl, launchBrowser, screenshot } from '../support/browser';
import {
  CUSTOMERS,
  UI_TIMEOUT,
  closeAll,
  incomingDialog,
  openProductPage,
  openSellerConsole,
  personContext,
  readyVideoCallButton,
  waitForText,
  type DemoProduct,
} from './call-helpers';

/** A shop no other call test rings, so blocking one of its callers disturbs nobody else. */
const GARDEN = { name: 'Greenleaf Home & Garden', email: 'garden@demo.shop' };
const CUSTOMER = CUSTOMERS.jordan;

async function gardenProduct(): Promise<DemoProduct> {
  const owner = await apiLogin(GARDEN.email);
  const res = await fetch(`${baseUrl()}/api/v2/products?shopId=${owner.user.shopId}&limit=100`);
  const product = ((await res.json()) as { items: DemoProduct[] }).items.find(
    (p) => p.name === 'Monstera Deliciosa',
  );
  if (!product) throw new Error('No Monstera Deliciosa in the demo data');
  return product;
}

/** The customer clicks "Video Call Seller" and the seller declines the ring. */
async function callAndDecline(customer: Page, seller: Page): Promise<void> {
  await (await readyVideoCallButton(customer)).click();
  const ringing = incomingDialog(seller);
  await ringing.waitFor({ timeout: UI_TIMEOUT });
  await ringing.getByRole('button', { name: 'Decline' }).click();
  await expect(waitForText(customer.getByTestId('call-outcome'), 'declined the call')).resolves.toBe(true);
  await ringing.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
}

describe('a seller blocks a caller from the console', () => {
  let browser: Browser;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await closeAll(...contexts);
    // Leave nobody blocked for the other tests, whatever happened above.
    const [owner, customer] = await Promise.all([apiLogin(GARDEN.email), apiLogin(CUSTOMER.email)]);
    await fetch(`${baseUrl()}/api/v2/shops/${owner.user.shopId}/blocked-customers/${customer.user.id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${owner.accessToken}` },
    });
    await browser.close();
  });

  it('the blocked customer is told the shop is not taking their calls and nothing rings; unblocked, the call rings', async () => {
    contexts = [await personContext(browser), await personContext(browser)];
    const seller = await openSellerConsole(contexts[0], GARDEN.email);
    const customer = await openProductPage(contexts[1], CUSTOMER.email, await gardenProduct());
    await callAndDecline(customer, seller);

    // The declined call shows up in the console's history; block its caller from that row.
    const row = seller.getByTestId('call-row').filter({ hasText: CUSTOMER.name }).first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    await row.getByRole('button', { name: `Block caller ${CUSTOMER.name}` }).click();
    const confirm = seller.getByRole('dialog');
    await expect(waitForText(confirm, `Block ${CUSTOMER.name}?`)).resolves.toBe(true);
    await confirm.getByRole('button', { name: 'Block caller' }).click();
    const blockedList = seller.getByTestId('blocked-callers');
    await blockedList
      .getByTestId('blocked-caller')
      .filter({ hasText: CUSTOMER.name })
      .waitFor({ timeout: UI_TIMEOUT });
    await screenshot(seller, 'block-caller-console');

    // The customer tries again: told at once, and the seller's console does not ring.
    await customer.reload();
    await (await readyVideoCallButton(customer)).click();
    await expect(
      waitForText(customer.getByTestId('call-outcome'), 'This shop is not taking your calls'),
    ).resolves.toBe(true);
    await screenshot(customer, 'block-caller-customer-told');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await incomingDialog(seller).count()).toBe(0);

    // Unblocked from the list, the next call rings the seller again.
    await blockedList.getByRole('button', { name: `Unblock ${CUSTOMER.name}` }).click();
    await blockedList.getByTestId('blocked-caller').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await customer.reload();
    await callAndDecline(customer, seller);
  });
});
