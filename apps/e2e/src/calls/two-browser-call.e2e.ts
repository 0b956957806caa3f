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
  openStorefront,
  parseDuration,
  personContext,
  readyVideoCallButton,
  shopProduct,
  waitFor,
  waitForText,
} from './call-helpers';

/**
 * A customer and a seller, each in their own browser profile with a fake camera, call each
 * other through the real API, signaling server and WebRTC.
 */
describe('two-browser video call', () => {
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

  it('customer calls from the product page, seller answers, both see video, history shows the duration', async () => {
    const product = await shopProduct('Studio Monitor Headphones');
    sellerContext = await personContext(browser);
    customerContext = await personContext(browser);
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);
    const customer = await openProductPage(customerContext, CUSTOMERS.casey.email, product);

    await (await readyVideoCallButton(customer)).click();
    await expect(waitForText(customer.getByTestId('outgoing-call'), `Calling ${SHOP.name}`)).resolves.toBe(
      true,
    );

    // The console rings wherever the seller is, naming the customer and the product.
    const ringing = incomingDialog(seller);
    await ringing.waitFor({ timeout: UI_TIMEOUT });
    expect(await ringing.textContent()).toContain(`${CUSTOMERS.casey.name} is calling`);
    expect(await ringing.textContent()).toContain(product.name);
    expect(await ringing.getByRole('img', { name: product.name }).count()).toBe(1);
    expect(await ringing.textContent()).toMatch(/\$\d+\.\d{2}/);

    await ringing.getByRole('button', { name: 'Accept' }).click();

    const [customerSees, sellerSees] = await Promise.all([
      expectRemoteVideoFlowing(customer),
      expectRemoteVideoFlowing(seller),
    ]);
    expect(customerSees.framesDecoded).toBeGreaterThan(0);
    expect(sellerSees.framesDecoded).toBeGreaterThan(0);
    // The seller's in-call view shows what the customer is asking about.
    expect(await seller.getByTestId('call-product').textContent()).toContain(product.name);
    await expect(waitForText(customer.getByTestId('in-call'), /In call · \d+:\d{2}/)).resolves.toBe(true);
    await expect(waitForText(seller.getByTestId('in-call'), /In call · \d+:\d{2}/)).resolves.toBe(true);
    await screenshot(customer, 'call-customer-side-mid-call');
    await screenshot(seller, 'call-seller-side-mid-call');

    // Talk for a couple of seconds, then the customer hangs up.
    await new Promise((r) => setTimeout(r, 2_500));
    await customer.getByRole('button', { name: 'Hang up' }).click();
    await expect(waitForText(customer.getByTestId('call-outcome'), 'Call ended')).resolves.toBe(true);
    await expect(waitForText(seller.getByTestId('call-outcome'), 'Call ended')).resolves.toBe(true);
    expect(await seller.getByTestId('remote-video').count()).toBe(0);

    // Both histories show the call with its duration.
    await seller.getByRole('button', { name: 'Close' }).click();
    // This call: answered, from Casey, about this product (the list refreshes when the call ends).
    const sellerRow = seller
      .locator('[data-testid="call-row"][data-status="ended"][data-direction="incoming"]')
      .filter({ hasText: CUSTOMERS.casey.name })
      .filter({ hasText: product.name })
      .first();
    await sellerRow.waitFor({ timeout: UI_TIMEOUT });
    expect(await sellerRow.getByTestId('call-status').textContent()).toContain('Answered');
    const sellerDuration = parseDuration((await sellerRow.getByTestId('call-duration').textContent()) ?? '');
    expect(sellerDuration).toBeGreaterThanOrEqual(2);

    await customer.getByRole('button', { name: 'Close' }).click();
    await customer.goto('/calls');
    const customerRow = customer.getByTestId('call-history').locator('tbody tr').first();
    await customerRow.waitFor({ timeout: UI_TIMEOUT });
    expect(await customerRow.textContent()).toContain(product.name);
    expect(await customerRow.textContent()).toContain(SHOP.name);
    const cells = await customerRow.locator('td').allTextContents();
    const customerDuration = cells.map(parseDuration).find((d) => d !== null);
    expect(customerDuration).toBe(sellerDuration);
  });

  it('seller calls a customer back from the history, customer answers, seller hangs up', async () => {
    const product = await shopProduct('Belt-Drive Turntable');
    // Jordan called while nobody at the shop was online: a missed call in the shop's history.
    const jordan = await apiLogin(CUSTOMERS.jordan.email);
    const missed = await fetch(`${baseUrl()}/api/v2/video-call/initiate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jordan.accessToken}` },
      body: JSON.stringify({ sellerId: product.shop.id, productId: product.id, type: 'video' }),
    });
    expect(missed.status).toBe(201);
    const missedCall = (await missed.json()) as { id: string; status: string };
    const settled = await waitFor(async () => {
      const res = await fetch(`${baseUrl()}/api/v2/calls/${missedCall.id}`, {
        headers: { authorization: `Bearer ${jordan.accessToken}` },
      });
      return ((await res.json()) as { status: string }).status === 'missed';
    }, 25_000);
    expect(settled).toBe(true);

    sellerContext = await personContext(browser);
    customerContext = await personContext(browser);
    const customer = await openStorefront(customerContext, CUSTOMERS.jordan.email, '/');
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);

    const row = seller
      .locator('[data-testid="call-row"][data-status="missed"]')
      .filter({ hasText: CUSTOMERS.jordan.name })
      .filter({ hasText: product.name })
      .first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    expect(await row.getAttribute('class')).toContain('row--missed');
    // Jordan contacted the shop, so the console offers the phone too.
    expect(await row.getByTestId('phone-link').getAttribute('href')).toBe('tel:+15550107788');
    await row.getByRole('button', { name: 'Call back' }).click();

    await expect(
      waitForText(seller.getByTestId('outgoing-call'), `Calling ${CUSTOMERS.jordan.name}`),
    ).resolves.toBe(true);
    const ringing = incomingDialog(customer);
    await ringing.waitFor({ timeout: UI_TIMEOUT });
    expect(await ringing.textContent()).toContain(`${SHOP.name} is calling`);
    await ringing.getByRole('button', { name: 'Accept' }).click();

    await Promise.all([expectRemoteVideoFlowing(customer), expectRemoteVideoFlowing(seller)]);
    // Talk time counts once both devices have told the server their media flows: the timer shows it.
    await expect(waitForText(customer.getByTestId('in-call'), /In call · \d+:\d{2}/)).resolves.toBe(true);
    await expect(waitForText(seller.getByTestId('in-call'), /In call · \d+:\d{2}/)).resolves.toBe(true);
    await screenshot(customer, 'callback-customer-side-mid-call');
    await screenshot(seller, 'callback-seller-side-mid-call');

    await seller.getByRole('button', { name: 'Hang up' }).click();
    await expect(waitForText(seller.getByTestId('call-outcome'), 'Call ended')).resolves.toBe(true);
    await expect(waitForText(customer.getByTestId('call-outcome'), 'Call ended')).resolves.toBe(true);

    await seller.getByRole('button', { name: 'Close' }).click();
    const outgoing = seller
      .locator('[data-testid="call-row"][data-status="ended"][data-direction="outgoing"]')
      .filter({ hasText: CUSTOMERS.jordan.name })
      .filter({ hasText: product.name })
      .first();
    await outgoing.waitFor({ timeout: UI_TIMEOUT });
    expect(await outgoing.getByTestId('call-status').textContent()).toContain('Answered');
    expect(parseDuration((await outgoing.getByTestId('call-duration').textContent()) ?? '')).not.toBeNull();
  });
});
