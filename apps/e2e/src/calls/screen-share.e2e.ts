import type { Browser, BrowserContext, Page } from 'playwright-core';
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
  sentVideoTrack,
  shopProduct,
  waitFor,
  waitForText,
} from './call-helpers';

const connections = (page: Page) =>
  page.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.length);

/**
 * The seller shows their screen in a live call (Chromium's fake screen capture), and goes back
 * to the camera: the same connection carries both (replaceTrack), the customer is told which
 * one they see, and frames keep arriving.
 */
describe('screen sharing during a call', () => {
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

  it('the seller shares a screen instead of the camera and switches back, without a new connection', async () => {
    const product = await shopProduct('Studio Monitor Headphones');
    sellerContext = await personContext(browser);
    customerContext = await personContext(browser);
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);
    const customer = await openProductPage(customerContext, CUSTOMERS.casey.email, product);
    await answeredVideoCall(customer, seller);
    const camera = await sentVideoTrack(seller);
    const before = await connections(seller);

    await seller.getByRole('button', { name: 'Share screen' }).click();
    await expect(
      waitFor(async () => (await sentVideoTrack(seller))?.label.startsWith('screen:') === true),
    ).resolves.toBe(true);
    await expect(
      waitForText(customer.getByTestId('remote-media-state'), `${SHOP.name} is sharing their screen`),
    ).resolves.toBe(true);
    await expect(
      waitForText(seller.getByTestId('remote-media-state'), 'You are sharing your screen'),
    ).resolves.toBe(true);
    // The customer sees the whole screen (contained, not cropped) and its frames keep coming.
    expect(await customer.getByTestId('remote-video').getAttribute('class')).toContain('cs-remote--screen');
    await expectRemoteVideoFlowing(customer);
    expect(await connections(seller)).toBe(before);
    await screenshot(customer, 'screen-share-customer-side');

    await seller.getByRole('button', { name: 'Stop sharing' }).click();
    await expect(
      waitFor(async () => (await sentVideoTrack(seller))?.deviceId === camera?.deviceId),
    ).resolves.toBe(true);
    await expect(
      waitFor(
        async () => !(await customer.getByTestId('remote-media-state').textContent())?.includes('sharing'),
      ),
    ).resolves.toBe(true);
    await expectRemoteVideoFlowing(customer);
    expect(await connections(seller)).toBe(before);

    await customer.getByRole('button', { name: 'Hang up' }).click();
    await customer.getByTestId('call-outcome').waitFor();
  }, 120_000);
});
