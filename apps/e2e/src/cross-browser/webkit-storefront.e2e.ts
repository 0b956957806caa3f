import { UI_TIMEOUT, waitFor } from '../calls/call-helpers';
import { DEMO_PASSWORD, apiLogin, baseUrl } from '../support/browser';
import { WebKitSession, findWebKit, webkitMissingBanner, type WebElement } from '../support/webkit';
import { buttonIn, fieldLabelled } from './dom-queries';

/**
 * The storefront in WebKitGTK, Debian's `webkit2gtk-driver` (WebKitWebDriver driving
 * WebKitGTK's MiniBrowser under Xvfb), over W3C WebDriver.
 *
 * Debian's WebKitGTK cannot hold a video call: it is built without WebRTC (no
 * `RTCPeerConnection`, even with `--enable-webrtc=true`), while its mock camera and microphone
 * work. So this file checks that fact (and fails the day the build gains WebRTC, so that a call
 * test is added then, like firefox-chromium-call.e2e.ts), that the storefront refuses video
 * calls up front there (the button disabled, saying why, no "Video call instead"), and
 * everything else a WebKit customer does on a product page: the page, "Call Seller" with the
 * shop's `tel:` link, and a callback request. See docs/testing.md, "Browsers".
 */
const webkit = findWebKit();
const missing = 'missing' in webkit ? webkit.missing : null;
const suite = missing ? describe.skip : describe;
if (missing) {
  process.stderr.write(webkitMissingBanner(missing));
  if (process.env['CI']) {
    it('has WebKitGTK installed (CI installs webkit2gtk-driver and xvfb)', () => {
      throw new Error(`No WebKit in CI: ${missing}`);
    });
  }
}

const SHOP = { name: 'Greenleaf Home & Garden', owner: 'garden@demo.shop' };
const CUSTOMER = { email: 'customer@demo.shop', name: 'Casey Customer' };
const PRODUCT = 'Monstera Deliciosa';

interface Product {
  id: string;
  name: string;
  price: number;
  shop: { id: string; name: string };
}

async function product(name: string): Promise<Product> {
  const res = await fetch(`${baseUrl()}/api/v2/products?search=${encodeURIComponent(name)}`);
  const found = ((await res.json()) as { items: Product[] }).items.find((p) => p.name === name);
  if (!found) throw new Error(`No product "${name}"`);
  return found;
}

suite('storefront in WebKitGTK', () => {
  let browser: WebKitSession;
  let monstera: Product;

  async function find(what: string, look: () => Promise<WebElement | null>): Promise<WebElement> {
    let found: WebElement | null = null;
    const ok = await waitFor(async () => (found = await look()) !== null);
    if (!ok || !found) throw new Error(`${what} did not appear on ${await browser.location()}`);
    return found;
  }
  const button = (name: string, scope: string | null = null) =>
    find(`Button "${name}"`, () => browser.execute(buttonIn, scope, name) as Promise<WebElement | null>);
  const field = (label: string) =>
    find(`Field "${label}"`, () => browser.execute(fieldLabelled, label) as Promise<WebElement | null>);
  const byTestId = (id: string) =>
    find(
      `[data-testid="${id}"]`,
      () =>
        browser.execute(
          (testId: string) => document.querySelector(`[data-testid="${testId}"]`),
          id,
        ) as Promise<WebElement | null>,
    );
  const testIdText = (id: string) =>
    browser.execute(
      (testId: string) => document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? '',
      id,
    );
  const waitForTestIdText = (id: string, text: string) =>
    waitFor(async () => (await testIdText(id)).includes(text), UI_TIMEOUT);
  const NO_VIDEO = "This browser can't make video calls.";
  /** The video button is there but disabled, the phone button usable, and the note says why. */
  async function expectVideoRefused(): Promise<void> {
    expect(await browser.attribute(await button('Video Call Seller'), 'disabled')).not.toBeNull();
    expect(await browser.attribute(await button('Call Seller'), 'disabled')).toBeNull();
    await expect(waitForTestIdText('call-buttons-note', NO_VIDEO)).resolves.toBe(true);
  }

  beforeAll(async () => {
    if ('missing' in webkit) return;
    monstera = await product(PRODUCT);
    browser = await WebKitSession.start(webkit, [
      '--enable-media-stream=true',
      '--enable-mock-capture-devices=true',
      '--enable-webrtc=true',
      '--autoplay-policy=allow',
    ]);
    console.log(`WebKitGTK ${browser.capabilities['browserVersion']} (${webkit.miniBrowser})`);
  }, 90_000);
  afterAll(async () => {
    await browser?.quit();
  });

  it('has no WebRTC in this build (no RTCPeerConnection), so it cannot hold a call; its mock camera and microphone work', async () => {
    await browser.goto('/');
    const found = await browser.executeAsync(async () => {
      let media: string[] | string;
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
        media = stream.getTracks().map((t) => t.kind);
        stream.getTracks().forEach((t) => t.stop());
      } catch (e) {
        media = String(e);
      }
      return {
        secureContext: window.isSecureContext,
        rtcPeerConnection: typeof (window as { RTCPeerConnection?: unknown }).RTCPeerConnection,
        requestVideoFrameCallback: 'requestVideoFrameCallback' in HTMLVideoElement.prototype,
        getUserMedia: media,
        userAgent: navigator.userAgent,
      };
    });
    console.log(`WebKitGTK in this build: ${JSON.stringify(found)}`);
    expect(found).toMatchObject({
      secureContext: true,
      getUserMedia: expect.arrayContaining(['audio', 'video']),
    });
    if (found.rtcPeerConnection !== 'undefined') {
      throw new Error(
        'This WebKitGTK build has RTCPeerConnection: test a video call with it as ' +
          'cross-browser/firefox-chromium-call.e2e.ts does for Firefox, and update docs/testing.md',
      );
    }
  });

  it('shows the product page with its price and shop, and the call buttons ask a guest to log in', async () => {
    await browser.goto(`/products/${monstera.id}`);
    await expect(waitForTestIdText('product-name', monstera.name)).resolves.toBe(true);
    expect(await testIdText('product-price')).toContain((monstera.price / 100).toFixed(2));
    expect(await testIdText('shop-link')).toContain(SHOP.name);
    await expectVideoRefused();
    await expect(waitForTestIdText('call-buttons-note', 'Log in to call')).resolves.toBe(true);
    await browser.screenshot('webkit-product-page');
  });

  it('logged in, video is refused up front; "Call Seller" shows the shop\'s number as a tel: link and sends a callback request', async () => {
    const path = `/products/${monstera.id}`;
    await browser.goto(`/login?returnUrl=${encodeURIComponent(path)}`);
    await browser.type(await field('Email'), CUSTOMER.email);
    await browser.type(await field('Password'), DEMO_PASSWORD);
    await browser.click(await button('Log in', 'form'));
    await expect(waitFor(async () => new URL(await browser.location()).pathname === path)).resolves.toBe(
      true,
    );
    await expect(waitForTestIdText('product-name', monstera.name)).resolves.toBe(true);
    await expectVideoRefused();
    expect(await testIdText('call-buttons-note')).not.toContain('Log in');

    await browser.click(await button('Call Seller'));
    await byTestId('call-seller-dialog');
    await button('Close', 'mat-dialog-container');
    expect(await browser.execute(buttonIn, 'mat-dialog-container', 'Video call instead')).toBeNull();
    const customer = await apiLogin(CUSTOMER.email);
    const shop = (await (
      await fetch(`${baseUrl()}/api/v2/shops/${monstera.shop.id}`, {
        headers: { authorization: `Bearer ${customer.accessToken}` },
      })
    ).json()) as { phoneNumber: string };
    expect(shop.phoneNumber).toBeTruthy();
    const tel = await byTestId('tel-link');
    expect(await browser.attribute(tel, 'href')).toBe(`tel:${shop.phoneNumber.replace(/[^\d+]/g, '')}`);
    await browser.screenshot('webkit-call-seller-dialog');

    await browser.click(await button('Request a callback', '[data-testid="call-seller-dialog"]'));
    const note = `Is it pet safe? Asked from WebKitGTK ${Date.now()}`;
    await browser.type(await field('Note for the seller (optional)'), note);
    await browser.click(await button('Send callback request', '[data-testid="call-seller-dialog"]'));
    await byTestId('callback-sent');
    expect(await testIdText('callback-sent')).toContain(`${SHOP.name} will call you back`);

    const owner = await apiLogin(SHOP.owner);
    const open = (await (
      await fetch(`${baseUrl()}/api/v2/callbacks?status=open`, {
        headers: { authorization: `Bearer ${owner.accessToken}` },
      })
    ).json()) as { items: { note: string; customer: { name: string }; product: { name: string } }[] };
    expect(open.items.find((c) => c.note === note)).toMatchObject({
      customer: { name: CUSTOMER.name },
      product: { name: PRODUCT },
    });
  });
});
