import type { Browser, BrowserContext } from 'playwright-core';
import { expectFitsWidth, expectNoSeriousAxeViolations, smallControls } from '../support/a11y';
import { launchBrowser, screenshot } from '../support/browser';
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
  waitForText,
} from './call-helpers';

/**
 * The waiting line: while the seller is in a call, a second customer waits in line instead of
 * hearing "busy", sees their place, and is connected when the seller hangs up.
 */
describe('waiting line', () => {
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

  it('a customer waits in line while the seller is in a call, sees position 1, and is rung and connected when the seller hangs up', async () => {
    const product = await shopProduct('Studio Monitor Headphones');
    const [sellerContext, aContext, bContext] = await Promise.all([person(), person(), person()]);
    const [seller, customerA, customerB] = await Promise.all([
      openSellerConsole(sellerContext, SHOP.owner.email),
      openProductPage(aContext, CUSTOMERS.casey.email, product),
      openProductPage(bContext, CUSTOMERS.jordan.email, product),
    ]);

    // The seller takes Casey's call.
    await (await readyVideoCallButton(customerA)).click();
    const firstRing = incomingDialog(seller);
    await firstRing.waitFor({ timeout: UI_TIMEOUT });
    await firstRing.getByRole('button', { name: 'Accept' }).click();
    await Promise.all([expectRemoteVideoFlowing(customerA), expectRemoteVideoFlowing(seller)]);

    // Jordan calls meanwhile: busy, with the line offered; Jordan waits in it.
    await (await readyVideoCallButton(customerB)).click();
    const outcome = customerB.getByTestId('call-outcome');
    await expect(waitForText(outcome, `${SHOP.name} is on another call.`)).resolves.toBe(true);
    await expectNoSeriousAxeViolations(
      customerB,
      'busy outcome with the line offered',
      '[data-testid="call-outcome"]',
    );
    await outcome.getByRole('button', { name: 'Wait in line' }).click();
    const line = customerB.getByTestId('waiting-line');
    await expect(
      waitForText(line.getByTestId('waiting-line-place'), /You are number 1 in line · about \d+ min/),
    ).resolves.toBe(true);
    expect(await line.getByRole('button', { name: 'Leave the line' }).isVisible()).toBe(true);
    expect(await line.getByRole('button', { name: 'Request a callback instead' }).isVisible()).toBe(true);
    await screenshot(customerB, 'waiting-line-customer');
    // The card is accessible, its buttons are touch-sized, and it fits a phone's width.
    await expectNoSeriousAxeViolations(customerB, 'waiting line card', '[data-testid="waiting-line"]');
    expect(await smallControls(customerB, '[data-testid="waiting-line"]')).toEqual([]);
    await customerB.setViewportSize({ width: 360, height: 740 });
    await expectFitsWidth(customerB, '[data-testid="waiting-line"]', 'waiting line card on a phone');
    // The seller's calls page shows the line's length, live.
    await expect(waitForText(seller.getByTestId('waiting-line-length'), '1')).resolves.toBe(true);

    // The seller hangs up with Casey: Jordan's call rings the seller, who answers.
    await seller.getByTestId('in-call').getByRole('button', { name: 'Hang up' }).click();
    // (The seller's "Call ended" gives way to the ring a moment later.)
    const secondRing = incomingDialog(seller);
    await secondRing.waitFor({ timeout: UI_TIMEOUT });
    expect(await secondRing.textContent()).toContain(`${CUSTOMERS.jordan.name} is calling`);
    await expect(waitForText(customerB.getByTestId('outgoing-call'), `Calling ${SHOP.name}`)).resolves.toBe(
      true,
    );
    await line.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await secondRing.getByRole('button', { name: 'Accept' }).click();
    const [jordanSees, sellerSees] = await Promise.all([
      expectRemoteVideoFlowing(customerB),
      expectRemoteVideoFlowing(seller),
    ]);
    expect(jordanSees.framesDecoded).toBeGreaterThan(0);
    expect(sellerSees.framesDecoded).toBeGreaterThan(0);
    await expect(waitForText(customerB.getByTestId('in-call'), /In call · \d+:\d{2}/)).resolves.toBe(true);
    await customerB.getByRole('button', { name: 'Hang up' }).click();
    await expect(waitForText(customerB.getByTestId('call-outcome'), 'Call ended')).resolves.toBe(true);
  });

  async function person(): Promise<BrowserContext> {
    const context = await personContext(browser);
    contexts.push(context);
    return context;
  }
});
