import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { ARTIFACTS, DEMO_PASSWORD, baseUrl } from '../support/browser';
import { UI_TIMEOUT, waitFor, type DemoProduct } from '../calls/call-helpers';
import { buttonIn, fieldLabelled } from './dom-queries';

/*
 * The same steps as calls/call-helpers.ts, for a puppeteer `Page` (Firefox over WebDriver
 * BiDi) instead of a Playwright one, through the same DOM hooks: accessible names of buttons,
 * labels of fields and data-testid attributes (docs/web-client.md).
 */

async function element(page: Page, find: () => Promise<ElementHandle | null>, what: string) {
  let found: ElementHandle | null = null;
  const ok = await waitFor(async () => (found = await find()) !== null);
  if (!ok || !found) throw new Error(`${what} did not appear on ${page.url()}`);
  return found as ElementHandle;
}

/** The button named `name` (optionally inside the element matching `scope`), once it is there. */
export function button(page: Page, name: string, scope: string | null = null): Promise<ElementHandle> {
  return element(
    page,
    async () => (await page.evaluateHandle(buttonIn, scope, name)).asElement() as ElementHandle | null,
    `Button "${name}"`,
  );
}

/** Clicks the button named `name` with real input events, as a person would. */
export async function clickButton(page: Page, name: string, scope: string | null = null): Promise<void> {
  await (await button(page, name, scope)).click();
}

export async function fill(page: Page, label: string, value: string): Promise<void> {
  const field = await element(
    page,
    async () => (await page.evaluateHandle(fieldLabelled, label)).asElement() as ElementHandle | null,
    `Field "${label}"`,
  );
  await field.click();
  await field.type(value);
}

/** Text of the first element with this data-testid ('' when there is none). */
export function testIdText(page: Page, testId: string): Promise<string> {
  return page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '', testId);
}

export function waitForTestIdText(
  page: Page,
  testId: string,
  text: string | RegExp,
  timeout = UI_TIMEOUT,
): Promise<boolean> {
  return waitFor(async () => {
    const content = await testIdText(page, testId);
    return typeof text === 'string' ? content.includes(text) : text.test(content);
  }, timeout);
}

export function testIdCount(page: Page, testId: string): Promise<number> {
  return page.evaluate((id) => document.querySelectorAll(`[data-testid="${id}"]`).length, testId);
}

/** A new tab at `path` of the app under test, its WebRTC connections recorded. */
export async function openTab(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  await recordPeerConnections(page);
  await page.goto(`${baseUrl()}${path}`);
  return page;
}

/** Logs a seller into the console and waits until they are online and taking calls. */
export async function openSellerConsole(browser: Browser, email: string): Promise<Page> {
  const page = await openTab(browser, '/seller/login');
  await fill(page, 'Email', email);
  await fill(page, 'Password', DEMO_PASSWORD);
  await clickButton(page, 'Log in');
  await expect(waitForTestIdText(page, 'connection-status', 'Online: customers can call you')).resolves.toBe(
    true,
  );
  return page;
}

/** Logs a customer into the storefront and opens `product`'s page. */
export async function openProductPage(browser: Browser, email: string, product: DemoProduct): Promise<Page> {
  const path = `/products/${product.id}`;
  const page = await openTab(browser, `/login?returnUrl=${encodeURIComponent(path)}`);
  await fill(page, 'Email', email);
  await fill(page, 'Password', DEMO_PASSWORD);
  await clickButton(page, 'Log in');
  const landed = await waitFor(async () => (await page.evaluate(() => location.pathname)) === path);
  expect({ landed, at: await page.evaluate(() => location.href) }).toEqual(
    expect.objectContaining({ landed: true }),
  );
  await expect(waitForTestIdText(page, 'product-name', product.name)).resolves.toBe(true);
  return page;
}

/** The storefront's "Video Call Seller" button once the shop is known to take calls. */
export async function readyVideoCallButton(page: Page): Promise<ElementHandle> {
  const found = await button(page, 'Video Call Seller');
  await expect(waitFor(() => found.evaluate((el) => !(el as HTMLButtonElement).disabled))).resolves.toBe(
    true,
  );
  return found;
}

/** The ringing dialog's selector (the same `alertdialog` role the Playwright tests use). */
export const INCOMING = '[role="alertdialog"]';

/** What Firefox shows of the other side's video. */
export interface FirefoxRemoteVideo {
  videoWidth: number;
  videoHeight: number;
  playing: boolean;
  currentTime: number;
  /** Frames presented on the <video>, counted with requestVideoFrameCallback. */
  framesPresented: number;
  /** inbound-rtp framesDecoded, where the page's connections were recorded (see recordPeerConnections). */
  framesDecoded: number;
}

/**
 * Samples the remote <video>. Firefox leaves `getVideoPlaybackQuality().totalVideoFrames` at 0
 * for WebRTC video, so frames are counted with `requestVideoFrameCallback` (started on the
 * element the first time it is sampled) and `currentTime` must advance.
 */
export function remoteVideo(page: Page): Promise<FirefoxRemoteVideo> {
  return page.evaluate(async () => {
    type Counted = HTMLVideoElement & { __framesPresented?: number };
    const video = document.querySelector<Counted>('[data-testid="remote-video"]');
    if (video && video.__framesPresented === undefined) {
      video.__framesPresented = 0;
      const tick = () => {
        video.__framesPresented = (video.__framesPresented ?? 0) + 1;
        video.requestVideoFrameCallback(tick);
      };
      video.requestVideoFrameCallback(tick);
    }
    let framesDecoded = 0;
    const pcs = (window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? [];
    for (const pc of pcs.filter((p) => p.connectionState !== 'closed')) {
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') framesDecoded += s.framesDecoded ?? 0;
      });
    }
    return {
      videoWidth: video?.videoWidth ?? 0,
      videoHeight: video?.videoHeight ?? 0,
      playing: !!video && !video.paused && video.readyState >= 2,
      currentTime: video?.currentTime ?? 0,
      framesPresented: video?.__framesPresented ?? 0,
      framesDecoded,
    };
  });
}

/**
 * Waits until Firefox shows the other side's video playing, then checks that frames keep
 * being presented and its clock keeps moving (two samples, the second higher); returns it.
 */
export async function expectRemoteVideoFlowing(page: Page): Promise<FirefoxRemoteVideo> {
  let last = await remoteVideo(page).catch(() => undefined);
  const ok = await waitFor(async () => {
    last = await remoteVideo(page);
    return last.videoWidth > 0 && last.playing && last.framesPresented > 0;
  }, 20_000);
  expect({ ok, ...last }).toEqual(expect.objectContaining({ ok: true, playing: true }));
  const first = last as FirefoxRemoteVideo;
  const grew = await waitFor(async () => {
    last = await remoteVideo(page);
    return last.framesPresented > first.framesPresented && last.currentTime > first.currentTime;
  }, 5_000);
  expect({ grew, before: first, after: last }).toEqual(expect.objectContaining({ grew: true }));
  return last as FirefoxRemoteVideo;
}

/**
 * Records every RTCPeerConnection the page creates (as calls/call-helpers.ts does for
 * Chromium), so a test can read `getStats()`. It changes nothing else about WebRTC.
 */
export async function recordPeerConnections(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(() => {
    const w = window as unknown as {
      __pcs: RTCPeerConnection[];
      RTCPeerConnection: typeof RTCPeerConnection;
    };
    const Native = w.RTCPeerConnection;
    w.__pcs = [];
    w.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        w.__pcs.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`) as `${string}.png`;
  await page.screenshot({ path });
  return path;
}

/** Logs the person out of this browser (its storage is shared by the tabs) and closes the tab. */
export async function closeTab(page: Page | undefined): Promise<void> {
  if (!page || page.isClosed()) return;
  await page
    .evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    })
    .catch(() => undefined);
  await page.close().catch(() => undefined);
}
