import type { Browser, BrowserContext } from 'playwright-core';
import { PHONE, launchBrowser } from '../support/browser';
import {
  CUSTOMERS,
  SHOP,
  answeredVideoCall,
  closeAll,
  expectRemoteVideoFlowing,
  openProductPage,
  openSellerConsole,
  personContext,
  sentVideoTrack as sentCamera,
  shopProduct,
  waitFor,
} from './call-helpers';

/**
 * Hides Chromium's second fake camera from the page. Of the fake cameras
 * `--use-fake-device-for-media-stream=device-count=N` offers, `fake_device_0` sends I420
 * frames, `fake_device_1` 16-bit depth frames (Y16) and `fake_device_2` MJPEG. A `<video>`
 * shows the depth camera, but WebRTC never encodes it: sent alone on a fresh connection, with
 * no `replaceTrack`, its `framesSent` stays 0. No phone offers a depth camera as its front or
 * back camera, so the test offers the app the two that a phone has: I420 and MJPEG.
 */
function hideDepthCamera(): void {
  const devices = navigator.mediaDevices;
  const enumerate = devices.enumerateDevices.bind(devices);
  devices.enumerateDevices = async () => (await enumerate()).filter((d) => d.label !== 'fake_device_1');
}

/**
 * A phone with two cameras (Chromium's fake devices, see {@link hideDepthCamera}): "Switch
 * camera" appears, the track sent changes to the other camera without a new negotiation, and
 * the other side keeps decoding frames. A browser of its own, as the flag is per browser.
 */
describe('switching camera during a call', () => {
  let browser: Browser;
  let customerContext: BrowserContext | undefined;
  let sellerContext: BrowserContext | undefined;

  beforeAll(async () => {
    browser = await launchBrowser({ fakeCameras: 3 });
  });
  afterAll(async () => {
    await closeAll(customerContext, sellerContext);
    await browser.close();
  });

  it('switches to the other camera with replaceTrack and the seller still sees video', async () => {
    const product = await shopProduct('Studio Monitor Headphones');
    sellerContext = await personContext(browser);
    customerContext = await personContext(browser, PHONE);
    await customerContext.addInitScript(hideDepthCamera);
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);
    const customer = await openProductPage(customerContext, CUSTOMERS.casey.email, product);
    await answeredVideoCall(customer, seller);

    const cameras = await customer.evaluate(async () =>
      (await navigator.mediaDevices.enumerateDevices())
        .filter((d) => d.kind === 'videoinput')
        .map((d) => d.label),
    );
    expect(cameras).toEqual(['fake_device_0', 'fake_device_2']);
    const switchButton = customer.getByRole('button', { name: 'Switch camera' });
    await switchButton.waitFor();
    const before = await sentCamera(customer);
    const connectionsBefore = await customer.evaluate(
      () => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.length,
    );

    await switchButton.tap();
    let after = before;
    await expect(
      waitFor(async () => {
        after = await sentCamera(customer);
        return !!after && after.deviceId !== before?.deviceId;
      }),
    ).resolves.toBe(true);
    expect([before?.label, after?.label]).toEqual(['fake_device_0', 'fake_device_2']);
    const sent = () =>
      customer.evaluate(async () => {
        let frames = 0;
        for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
          (await pc.getStats()).forEach((s) => {
            if (s.type === 'outbound-rtp' && s.kind === 'video') frames += s.framesSent ?? 0;
          });
        }
        return frames;
      });
    const framesBefore = await sent();
    await expect(waitFor(async () => (await sent()) > framesBefore + 10)).resolves.toBe(true);
    // Same connection: replaceTrack, no new peer connection.
    expect(
      await customer.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.length),
    ).toBe(connectionsBefore);
    await expectRemoteVideoFlowing(seller);

    // And back to the first one.
    await switchButton.tap();
    await expect(
      waitFor(async () => (await sentCamera(customer))?.deviceId === before?.deviceId),
    ).resolves.toBe(true);
    await expectRemoteVideoFlowing(seller);
    await customer.getByRole('button', { name: 'Hang up' }).tap();
    await customer.getByTestId('call-outcome').waitFor();
  }, 120_000);
});
