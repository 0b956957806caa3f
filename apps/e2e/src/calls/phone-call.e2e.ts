import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectFitsWidth, expectNoSeriousAxeViolations, smallControls } from '../support/a11y';
import { PHONE, launchBrowser, screenshot } from '../support/browser';
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

/**
 * One video call between two phones (390 × 844, touch): every call state fits the screen at
 * 390 and 320 px with thumb-sized controls, passes axe on both sides, keeps focus inside the
 * call view with the page behind inert, and shows the other side's mute and camera-off.
 */
describe('a video call on phones', () => {
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

  /** The call view `testId` fits at 390 and at 320 px, every control in it at least 44 × 44. */
  async function expectPhoneSized(page: Page, testId: string): Promise<void> {
    const selector = `[data-testid="${testId}"]`;
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: PHONE.viewport.height });
      await expectFitsWidth(page, selector, `${testId} at ${width} px`);
      expect({ testId, width, small: await smallControls(page, selector) }).toEqual({
        testId,
        width,
        small: [],
      });
    }
    await page.setViewportSize(PHONE.viewport);
  }

  /**
   * The call view `testId` fits the phone with thumb-sized controls and axe finds nothing
   * serious in it (the page behind is inert, and was scanned on its own before the call).
   */
  async function expectCallStateOk(page: Page, testId: string, where: string): Promise<void> {
    await expectPhoneSized(page, testId);
    await expectNoSeriousAxeViolations(page, where, `[data-testid="${testId}"]`);
  }

  /** Where focus is: inside the call view, and whether the page behind is inert. */
  async function focusState(page: Page, testId: string) {
    return page.evaluate((id) => {
      const view = document.querySelector(`[data-testid="${id}"]`);
      const main = document.querySelector('main, router-outlet + *');
      return {
        inside: !!view && view.contains(document.activeElement),
        pageBehindInert: !!main?.closest('[inert]'),
      };
    }, testId);
  }

  it('rings, connects, shows the other side muted and ends, each state phone-sized and accessible', async () => {
    const product = await shopProduct('Studio Monitor Headphones');
    sellerContext = await personContext(browser, PHONE);
    customerContext = await personContext(browser, PHONE);
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);
    const customer = await openProductPage(customerContext, CUSTOMERS.casey.email, product);
    await expectNoSeriousAxeViolations(customer, 'product page, logged in, phone');

    const callButton = await readyVideoCallButton(customer);
    await callButton.tap();
    await customer.getByTestId('outgoing-call').waitFor({ timeout: UI_TIMEOUT });
    const ringing = incomingDialog(seller);
    await ringing.waitFor({ timeout: UI_TIMEOUT });

    // Ringing, both sides: the ringing card takes focus (Accept), so a keyboard user answers
    // with Enter; the page behind is inert. Both sides at once: the server rings for 15 s.
    const focused = { inside: true, pageBehindInert: true };
    let sellerFocus = await focusState(seller, 'incoming-call');
    await waitFor(async () => (sellerFocus = await focusState(seller, 'incoming-call')).inside);
    expect(sellerFocus).toEqual(focused);
    expect(await seller.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Accept');
    expect(await focusState(customer, 'outgoing-call')).toEqual(focused);
    await Promise.all([
      expectCallStateOk(customer, 'outgoing-call', 'calling (customer)'),
      expectCallStateOk(seller, 'incoming-call', 'ringing (seller)'),
    ]);

    await ringing.getByRole('button', { name: 'Accept' }).tap();
    await Promise.all([expectRemoteVideoFlowing(customer), expectRemoteVideoFlowing(seller)]);
    await expect(waitForText(customer.getByTestId('call-status'), 'In call')).resolves.toBe(true);

    // In call: the other side's video fills the phone's screen.
    const remoteBox = await customer.getByTestId('remote-video').boundingBox();
    expect(remoteBox).toEqual(expect.objectContaining({ width: 390, height: 844 }));
    await screenshot(customer, 'phone-in-call-customer');
    // Safari on a phone plays a video without playsinline full screen, in its own player.
    const videos = () =>
      Array.from(document.querySelectorAll('video')).map((v) => ({
        testId: v.dataset['testid'],
        playsInline: v.hasAttribute('playsinline'),
      }));
    expect(await customer.evaluate(videos)).toEqual([
      { testId: 'remote-video', playsInline: true },
      { testId: 'local-video', playsInline: true },
    ]);

    // Focus stays in the call view: Tab goes round its controls, never to the page behind.
    await customer.getByRole('button', { name: 'Mute' }).focus();
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await customer.keyboard.press('Tab');
      expect(await focusState(customer, 'in-call')).toEqual({ inside: true, pageBehindInert: true });
      seen.add(await customer.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
    }
    expect([...seen]).toEqual(expect.arrayContaining(['Mute', 'Hang up']));
    const behindClickable = await customer.evaluate(() => {
      const link = document.querySelector<HTMLElement>('main a[href], main button');
      link?.focus();
      return document.activeElement === link;
    });
    expect(behindClickable).toBe(false);

    // The customer mutes and turns the camera off: the seller sees it on the customer's video.
    await customer.getByRole('button', { name: 'Mute' }).tap();
    await customer.getByRole('button', { name: 'Turn camera off' }).tap();
    const state = seller.getByTestId('remote-media-state');
    await expect(waitForText(state, `${CUSTOMERS.casey.name} is muted`)).resolves.toBe(true);
    await expect(waitForText(state, `${CUSTOMERS.casey.name}'s camera is off`)).resolves.toBe(true);
    expect(await state.getAttribute('role')).toBe('status');
    // In call, phone-sized and accessible: the seller's view with those notices on the video.
    await Promise.all([
      expectCallStateOk(customer, 'in-call', 'in call, muted, camera off (customer)'),
      expectCallStateOk(seller, 'in-call', 'in call, the other side muted (seller)'),
    ]);
    await customer.getByRole('button', { name: 'Unmute' }).tap();
    await expect(waitFor(async () => !(await state.textContent())?.includes('is muted'))).resolves.toBe(true);

    // Ended, both sides.
    await customer.getByRole('button', { name: 'Hang up' }).tap();
    await customer.getByTestId('call-outcome').waitFor({ timeout: UI_TIMEOUT });
    await seller.getByTestId('call-outcome').waitFor({ timeout: UI_TIMEOUT });
    await Promise.all([
      expectCallStateOk(customer, 'call-outcome', 'call ended (customer)'),
      expectCallStateOk(seller, 'call-outcome', 'call ended (seller)'),
    ]);

    // Closing gives the page back, focus where it was.
    await customer.getByRole('button', { name: 'Close' }).tap();
    await customer.getByTestId('call-outcome').waitFor({ state: 'detached' });
    expect(await customer.evaluate(() => document.querySelector('[inert]') === null)).toBe(true);
    expect(await customer.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Video Call Seller',
    );
    await seller.getByRole('button', { name: 'Close' }).tap();

    // The "Call Seller" dialog with the callback form, at 390 and 320 px.
    await customer.getByRole('button', { name: 'Call Seller', exact: true }).tap();
    const dialog = customer.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Request a callback' }).tap();
    await dialog.getByRole('button', { name: 'Send callback request' }).waitFor();
    await expectPhoneSized(customer, 'call-seller-dialog');
    await expectFitsWidth(customer, 'mat-dialog-container', 'callback dialog');
    expect(await smallControls(customer, 'mat-dialog-container')).toEqual([]);
    await expectNoSeriousAxeViolations(customer, 'callback dialog');
    await dialog.getByRole('button', { name: 'Close' }).tap();

    // Both histories read as cards on the phone, with status and talk time, and pass axe.
    await customer.goto('/calls');
    const row = customer.getByTestId('call-history').locator('tbody tr').first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    await expectFitsWidth(customer, '[data-testid="call-history"]', 'My calls at 390 px');
    expect(await row.getByTestId('call-history-status').isVisible()).toBe(true);
    await expectNoSeriousAxeViolations(customer, 'My calls with rows');
    await expectFitsWidth(seller, '[data-testid="call-history"]', 'seller history at 390 px');
    expect(await seller.getByTestId('call-row').first().getByTestId('call-duration').isVisible()).toBe(true);
    await expectNoSeriousAxeViolations(seller, 'seller calls, history and callbacks');
    // Generous: on 2 shared cores each axe scan of a whole page can take several seconds.
  }, 180_000);
});
