import type { Browser as ChromiumBrowser, BrowserContext } from 'playwright-core';
import type { Browser as FirefoxBrowser, Page as FirefoxPage } from 'puppeteer-core';
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
} from '../calls/call-helpers';
import { launchBrowser, screenshot } from '../support/browser';
import { findFirefox, firefoxMissingBanner, launchFirefox } from '../support/firefox';
import * as fx from './bidi-helpers';

/**
 * Video calls between Debian's Chromium (Playwright) and Debian's Firefox ESR (puppeteer-core
 * over WebDriver BiDi), both ways, through the real API, signaling server and WebRTC: each side
 * must decode the other's frames. One Chromium and one Firefox serve both tests.
 */
const firefoxPath = findFirefox();
const suite = firefoxPath ? describe : describe.skip;
if (!firefoxPath) {
  process.stderr.write(firefoxMissingBanner());
  if (process.env['CI']) {
    it('has Firefox installed (CI installs firefox-esr)', () => {
      throw new Error('No Firefox in CI: .ci/run installs firefox-esr; FIREFOX_PATH may point to it');
    });
  }
}

suite('video calls between Chromium and Firefox', () => {
  let chromium: ChromiumBrowser;
  let firefox: FirefoxBrowser;
  let chromiumContext: BrowserContext | undefined;
  let firefoxPage: FirefoxPage | undefined;

  beforeAll(async () => {
    [chromium, firefox] = await Promise.all([launchBrowser(), launchFirefox()]);
    console.log(`Firefox: ${await firefox.version()} (${firefoxPath}), Chromium: ${chromium.version()}`);
  }, 120_000);
  afterEach(async () => {
    await Promise.all([closeAll(chromiumContext), fx.closeTab(firefoxPage)]);
    chromiumContext = firefoxPage = undefined;
  });
  afterAll(async () => {
    await Promise.all([chromium?.close(), firefox?.close()]);
  });

  it('Chromium customer calls, Firefox seller answers, both decode video, the seller hangs up', async () => {
    const product = await shopProduct('Studio Monitor Headphones');
    const seller = (firefoxPage = await fx.openSellerConsole(firefox, SHOP.owner.email));
    chromiumContext = await personContext(chromium);
    const customer = await openProductPage(chromiumContext, CUSTOMERS.casey.email, product);

    await (await readyVideoCallButton(customer)).click();
    await expect(waitForText(customer.getByTestId('outgoing-call'), `Calling ${SHOP.name}`)).resolves.toBe(
      true,
    );

    // Firefox rings with the customer and the product, and answers.
    await fx.button(seller, 'Accept', fx.INCOMING);
    const ringing = await seller.$eval(fx.INCOMING, (el) => el.textContent ?? '');
    expect(ringing).toContain(`${CUSTOMERS.casey.name} is calling`);
    expect(ringing).toContain(product.name);
    await fx.clickButton(seller, 'Accept', fx.INCOMING);

    const [customerSees, sellerSees] = await Promise.all([
      expectRemoteVideoFlowing(customer),
      fx.expectRemoteVideoFlowing(seller),
    ]);
    console.log(
      `Chromium customer decoded ${customerSees.framesDecoded} frames (${customerSees.videoWidth}x${customerSees.videoHeight}); ` +
        `Firefox seller presented ${sellerSees.framesPresented} frames, decoded ${sellerSees.framesDecoded} ` +
        `(${sellerSees.videoWidth}x${sellerSees.videoHeight}, currentTime ${sellerSees.currentTime.toFixed(1)} s)`,
    );
    expect(customerSees.framesDecoded).toBeGreaterThan(0);
    expect(sellerSees.framesPresented).toBeGreaterThan(0);
    await expect(fx.waitForTestIdText(seller, 'in-call', /In call · \d+:\d{2}/)).resolves.toBe(true);
    await expect(waitForText(customer.getByTestId('in-call'), /In call · \d+:\d{2}/)).resolves.toBe(true);
    await screenshot(customer, 'cross-browser-chromium-customer-mid-call');
    await fx.screenshot(seller, 'cross-browser-firefox-seller-mid-call');

    await fx.clickButton(seller, 'Hang up');
    await expect(fx.waitForTestIdText(seller, 'call-outcome', 'Call ended')).resolves.toBe(true);
    await expect(waitForText(customer.getByTestId('call-outcome'), 'Call ended')).resolves.toBe(true);
    expect(await fx.testIdCount(seller, 'remote-video')).toBe(0);
    expect(await customer.getByTestId('remote-video').count()).toBe(0);
  });

  it('Firefox customer calls, Chromium seller answers, both decode video, the customer hangs up', async () => {
    const product = await shopProduct('Belt-Drive Turntable');
    chromiumContext = await personContext(chromium);
    const seller = await openSellerConsole(chromiumContext, SHOP.staff.email);
    const customer = (firefoxPage = await fx.openProductPage(firefox, CUSTOMERS.jordan.email, product));

    await (await fx.readyVideoCallButton(customer)).click();
    await expect(fx.waitForTestIdText(customer, 'outgoing-call', `Calling ${SHOP.name}`)).resolves.toBe(true);

    const ringing = incomingDialog(seller);
    await ringing.waitFor({ timeout: UI_TIMEOUT });
    expect(await ringing.textContent()).toContain(`${CUSTOMERS.jordan.name} is calling`);
    expect(await ringing.textContent()).toContain(product.name);
    await ringing.getByRole('button', { name: 'Accept' }).click();

    const [customerSees, sellerSees] = await Promise.all([
      fx.expectRemoteVideoFlowing(customer),
      expectRemoteVideoFlowing(seller),
    ]);
    console.log(
      `Firefox customer presented ${customerSees.framesPresented} frames, decoded ${customerSees.framesDecoded} ` +
        `(${customerSees.videoWidth}x${customerSees.videoHeight}, currentTime ${customerSees.currentTime.toFixed(1)} s); ` +
        `Chromium seller decoded ${sellerSees.framesDecoded} frames (${sellerSees.videoWidth}x${sellerSees.videoHeight})`,
    );
    expect(customerSees.framesPresented).toBeGreaterThan(0);
    expect(sellerSees.framesDecoded).toBeGreaterThan(0);
    expect(await seller.getByTestId('call-product').textContent()).toContain(product.name);
    await expect(fx.waitForTestIdText(customer, 'in-call', /In call · \d+:\d{2}/)).resolves.toBe(true);
    await screenshot(seller, 'cross-browser-chromium-seller-mid-call');
    await fx.screenshot(customer, 'cross-browser-firefox-customer-mid-call');

    await fx.clickButton(customer, 'Hang up');
    await expect(fx.waitForTestIdText(customer, 'call-outcome', 'Call ended')).resolves.toBe(true);
    await expect(waitForText(seller.getByTestId('call-outcome'), 'Call ended')).resolves.toBe(true);
    expect(await fx.testIdCount(customer, 'remote-video')).toBe(0);
    expect(await seller.getByTestId('remote-video').count()).toBe(0);
  });
});
