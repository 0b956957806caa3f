import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { type ContextOptions, DEMO_PASSWORD, apiLogin, baseUrl, newContext } from '../support/browser';

/** The demo shop every call test talks to, and the people in it. */
export const SHOP = {
  name: 'Northwind Audio',
  owner: { email: 'seller@demo.shop', name: 'Nora Northwind' },
  staff: { email: 'staff@demo.shop', name: 'Theo Staff' },
} as const;
export const CUSTOMERS = {
  casey: { email: 'customer@demo.shop', name: 'Casey Customer' },
  jordan: { email: 'customer2@demo.shop', name: 'Jordan Buyer' },
} as const;

/** Generous enough for a 2-core machine, and within the 15 s the end-to-end server rings. */
export const UI_TIMEOUT = 15_000;

export interface DemoProduct {
  id: string;
  name: string;
  shop: { id: string; name: string };
}

/** A product of the demo shop, by name (read through the public REST API). */
export async function shopProduct(name: string): Promise<DemoProduct> {
  const owner = await apiLogin(SHOP.owner.email);
  const res = await fetch(`${baseUrl()}/api/v2/products?shopId=${owner.user.shopId}&limit=100`);
  const page = (await res.json()) as { items: DemoProduct[] };
  const product = page.items.find((p) => p.name === name);
  if (!product) throw new Error(`No product "${name}" in ${SHOP.name}`);
  return product;
}

/**
 * Records every RTCPeerConnection a page creates, so a test can read `getStats()` the way
 * chrome://webrtc-internals does. It changes nothing else about WebRTC.
 */
function recordPeerConnections(): void {
  const w = window as unknown as { __pcs: RTCPeerConnection[]; RTCPeerConnection: typeof RTCPeerConnection };
  const Native = w.RTCPeerConnection;
  w.__pcs = [];
  w.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      w.__pcs.push(this);
    }
  } as typeof RTCPeerConnection;
}

/** A person at their own computer: a fresh browser profile with WebRTC recording on. */
export async function personContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  const context = await newContext(browser, options);
  await context.addInitScript(recordPeerConnections);
  return context;
}

/** Logs a seller into the console and waits until they are online and taking calls. */
export async function openSellerConsole(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/seller/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Calls', exact: true }).waitFor({ timeout: UI_TIMEOUT });
  await expectSellerStatus(page, 'Online: customers can call you');
  return page;
}

/** Another tab of a seller who is already logged in in this profile. */
export async function openSellerTab(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/seller/calls');
  await expectSellerStatus(page, 'Online: customers can call you');
  return page;
}

export async function expectSellerStatus(page: Page, text: string): Promise<void> {
  await expect(waitForText(page.getByTestId('connection-status'), text)).resolves.toBe(true);
}

/** Logs a customer into the storefront and lands on `path`. */
export async function openStorefront(context: BrowserContext, email: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`/login?returnUrl=${encodeURIComponent(path)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === path, { timeout: UI_TIMEOUT });
  return page;
}

/** Logs a customer into the storefront and opens `product`'s page. */
export async function openProductPage(
  context: BrowserContext,
  email: string,
  product: DemoProduct,
): Promise<Page> {
  const page = await openStorefront(context, email, `/products/${product.id}`);
  await page.getByTestId('product-name').filter({ hasText: product.name }).waitFor();
  return page;
}

/** The customer calls from the product page, the seller accepts, and video flows both ways. */
export async function answeredVideoCall(customer: Page, seller: Page): Promise<void> {
  await (await readyVideoCallButton(customer)).click();
  const ringing = incomingDialog(seller);
  await ringing.waitFor({ timeout: UI_TIMEOUT });
  await ringing.getByRole('button', { name: 'Accept' }).click();
  await Promise.all([expectRemoteVideoFlowing(customer), expectRemoteVideoFlowing(seller)]);
}

/** The storefront's "Video Call Seller" button once the shop is known to take calls. */
export async function readyVideoCallButton(page: Page): Promise<Locator> {
  const button = page.getByRole('button', { name: 'Video Call Seller' });
  await expect(waitFor(() => button.isEnabled())).resolves.toBe(true);
  return button;
}

/** The ringing dialog on a seller's or customer's page. */
export function incomingDialog(page: Page): Locator {
  return page.getByRole('alertdialog');
}

/** Polls `check` until it returns true (or the time is up, then resolves false). */
export async function waitFor(check: () => Promise<boolean>, timeout = UI_TIMEOUT): Promise<boolean> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    try {
      if (await check()) return true;
    } catch {
      // element not there yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return false;
}

export function waitForText(locator: Locator, text: string | RegExp, timeout = UI_TIMEOUT): Promise<boolean> {
  return waitFor(async () => {
    const content = (await locator.first().textContent()) ?? '';
    return typeof text === 'string' ? content.includes(text) : text.test(content);
  }, timeout);
}

/** What a person sees of the other side's video, and what WebRTC says it decoded. */
export interface RemoteVideo {
  videoWidth: number;
  videoHeight: number;
  playing: boolean;
  framesDecoded: number;
}

export async function remoteVideo(page: Page): Promise<RemoteVideo> {
  return page.evaluate(async () => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]');
    const pcs = ((window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).filter(
      (pc) => pc.connectionState !== 'closed',
    );
    let framesDecoded = 0;
    for (const pc of pcs) {
      const stats = await pc.getStats();
      stats.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') framesDecoded += s.framesDecoded ?? 0;
      });
    }
    return {
      videoWidth: video?.videoWidth ?? 0,
      videoHeight: video?.videoHeight ?? 0,
      playing: !!video && !video.paused && video.readyState >= 2 && video.currentTime > 0,
      framesDecoded,
    };
  });
}

/**
 * Waits until the page shows the other side's video playing and frames keep being decoded
 * (two samples, the second higher), then returns the last sample.
 */
export async function expectRemoteVideoFlowing(page: Page): Promise<RemoteVideo> {
  let last: RemoteVideo = { videoWidth: 0, videoHeight: 0, playing: false, framesDecoded: 0 };
  const ok = await waitFor(async () => {
    last = await remoteVideo(page);
    return last.videoWidth > 0 && last.playing && last.framesDecoded > 0;
  }, 20_000);
  expect({ ok, ...last }).toEqual(expect.objectContaining({ ok: true, playing: true }));
  const first = last.framesDecoded;
  const grew = await waitFor(async () => (last = await remoteVideo(page)).framesDecoded > first, 5_000);
  expect(grew).toBe(true);
  expect(last.videoWidth).toBeGreaterThan(0);
  return last;
}

/** The video track the page sends right now (camera or shared screen): its label and device. */
export async function sentVideoTrack(page: Page): Promise<{ label: string; deviceId: string } | null> {
  return page.evaluate(() => {
    const pcs = ((window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).filter(
      (pc) => pc.connectionState !== 'closed',
    );
    for (const pc of pcs) {
      const track = pc.getSenders().find((s) => s.track?.kind === 'video')?.track;
      if (track) return { label: track.label, deviceId: track.getSettings().deviceId ?? '' };
    }
    return null;
  });
}

/** Reads "m:ss" / "h:mm:ss" as seconds. */
export function parseDuration(text: string): number | null {
  const match = text.trim().match(/^(?:(\d+):)?(\d+):(\d{2})$/);
  if (!match) return null;
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

export async function closeAll(...contexts: (BrowserContext | undefined)[]): Promise<void> {
  await Promise.all(contexts.map((c) => c?.close().catch(() => undefined)));
}
