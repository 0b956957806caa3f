import type { Browser, BrowserContext } from 'playwright-core';
import { apiLogin, baseUrl, launchBrowser, screenshot } from '../support/browser';
import {
  CUSTOMERS,
  SHOP,
  UI_TIMEOUT,
  closeAll,
  expectRemoteVideoFlowing,
  incomingDialog,
  openProductPage,
  openSellerConsole,
  personContext,
  readyVideoCallButton,
  shopProduct,
  waitFor,
  waitForText,
} from './call-helpers';

describe('a customer call rings both staff of the shop, and the callback loop closes', () => {
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

  it('one declines and only their ringing stops; the customer switches to a callback about the product, which a completed call-back closes', async () => {
    const product = await shopProduct('Studio Monitor Headphones');
    const [ownerContext, staffContext, customerContext] = await Promise.all([person(), person(), person()]);
    const [owner, staff, customer] = await Promise.all([
      openSellerConsole(ownerContext, SHOP.owner.email),
      openSellerConsole(staffContext, SHOP.staff.email),
      openProductPage(customerContext, CUSTOMERS.casey.email, product),
    ]);

    await (await readyVideoCallButton(customer)).click();
    await Promise.all([
      incomingDialog(owner).waitFor({ timeout: UI_TIMEOUT }),
      incomingDialog(staff).waitFor({ timeout: UI_TIMEOUT }),
    ]);
    await incomingDialog(owner).getByRole('button', { name: 'Decline' }).click();
    // The decliner is told it was their choice; the colleague's call rings on.
    await expect(waitForText(owner.getByTestId('call-outcome'), 'You declined the call.')).resolves.toBe(
      true,
    );
    const elapsed = customer.getByTestId('ringing-elapsed');
    await expect(waitForText(elapsed, /^Ringing · 0:0[2-9]$/)).resolves.toBe(true);
    expect(await incomingDialog(staff).isVisible()).toBe(true);
    expect(await customer.getByTestId('outgoing-call').isVisible()).toBe(true);
    await screenshot(customer, 'ringing-with-elapsed-time');

    await customer.getByRole('button', { name: 'Request a callback instead' }).click();
    // The customer gave up: for the staff member still rung, a missed call.
    await expect(
      waitForText(staff.getByTestId('call-outcome'), `Missed call from ${CUSTOMERS.casey.name}.`),
    ).resolves.toBe(true);
    const dialog = customer.getByRole('dialog').filter({ has: customer.getByTestId('call-seller-dialog') });
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    expect(await dialog.getByTestId('callback-product').textContent()).toContain(product.name);
    await dialog.getByRole('radio', { name: 'Video call' }).check();
    await dialog.getByLabel('Note for the seller (optional)').fill('Switched from a ringing call');
    await dialog.getByRole('button', { name: 'Send callback request' }).click();
    await dialog.getByTestId('callback-sent').waitFor({ timeout: UI_TIMEOUT });
    await dialog.getByRole('button', { name: 'Close' }).click();

    const request = staff.getByTestId('callback-request').filter({ hasText: 'Switched from a ringing call' });
    await request.waitFor({ timeout: UI_TIMEOUT });
    expect(await request.textContent()).toContain(product.name);

    // Recorded as the customer's cancel, the same on both sides.
    const casey = await apiLogin(CUSTOMERS.casey.email);
    const res = await fetch(`${baseUrl()}/api/v2/calls?limit=1`, {
      headers: { authorization: `Bearer ${casey.accessToken}` },
    });
    const [last] = ((await res.json()) as { items: { status: string; endReason: string }[] }).items;
    expect(last).toMatchObject({ status: 'cancelled', endReason: 'cancelled' });
    await expect(waitFor(async () => (await request.count()) === 1)).resolves.toBe(true);

    // The callback loop: Casey asked for video and is on the site, so the console offers video
    // first and says she is online; the completed call placed from the request closes it.
    expect(await request.locator('.row__actions > :first-child').getAttribute('data-testid')).toBe(
      'call-back-video',
    );
    await expect(waitForText(request.getByTestId('customer-online'), 'Online now')).resolves.toBe(true);
    await staff.getByTestId('call-outcome').getByRole('button', { name: 'Close' }).click();
    await request.getByTestId('call-back-video').click();
    const ringing = incomingDialog(customer);
    await ringing.waitFor({ timeout: UI_TIMEOUT });
    await ringing.getByRole('button', { name: 'Accept' }).click();
    await Promise.all([expectRemoteVideoFlowing(customer), expectRemoteVideoFlowing(staff)]);
    await expect(waitForText(staff.getByTestId('in-call'), /In call · \d+:\d{2}/)).resolves.toBe(true);
    await staff.getByRole('button', { name: 'Hang up' }).click();
    await request.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    const mine = await fetch(`${baseUrl()}/api/v2/callbacks?limit=1`, {
      headers: { authorization: `Bearer ${casey.accessToken}` },
    });
    const [closed] = ((await mine.json()) as { items: { status: string; note: string }[] }).items;
    expect(closed).toMatchObject({ status: 'called_back', note: 'Switched from a ringing call' });
  });

  async function person(): Promise<BrowserContext> {
    const context = await personContext(browser);
    contexts.push(context);
    return context;
  }
});
