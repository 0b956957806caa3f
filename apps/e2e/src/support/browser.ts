import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where screenshots are saved for people to look at. */
export const ARTIFACTS = resolve(__dirname, '../../../../test-artifacts');

export const DEMO_PASSWORD = 'demo-password';

/** The same flags as the call set-up benchmark: fake camera and microphone, no background traffic. */
const CHROMIUM_ARGS: string[] = JSON.parse(
  readFileSync(resolve(__dirname, '../../../../tools/scripts/chromium-args.json'), 'utf8'),
);

export function baseUrl(): string {
  const url = process.env['E2E_BASE_URL'];
  if (!url) throw new Error('E2E_BASE_URL is not set: run through apps/e2e/jest.config.ts');
  return url;
}

function chromiumPath(): string {
  if (process.env['CHROMIUM_PATH']) return process.env['CHROMIUM_PATH'];
  return execSync('command -v chromium || command -v chromium-browser', { shell: '/bin/sh' })
    .toString()
    .trim();
}

/**
 * Debian's Chromium with fake camera and microphone, and no background traffic.
 * `fakeCameras`: how many fake cameras it offers (one unless told); the second of them is a
 * depth camera WebRTC does not send (see `calls/camera-switch.e2e.ts`).
 */
export async function launchBrowser(options: { fakeCameras?: number } = {}): Promise<Browser> {
  const cameras = options.fakeCameras ?? 1;
  const args =
    cameras === 1
      ? CHROMIUM_ARGS
      : CHROMIUM_ARGS.map((a) =>
          a === '--use-fake-device-for-media-stream' ? `${a}=device-count=${cameras}` : a,
        );
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args });
}

/** A phone held upright: 390 × 844 CSS px, touch, the mobile viewport rules. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

export interface ContextOptions {
  viewport?: { width: number; height: number };
  isMobile?: boolean;
  hasTouch?: boolean;
}

/** A fresh browser profile (like another person's computer) with camera, mic and notifications allowed. */
export async function newContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    ...options,
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  await context.grantPermissions(['camera', 'microphone', 'notifications'], { origin: baseUrl() });
  return context;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false, animations: 'disabled' });
  return path;
}

/** Logs in through the API and stores the session the way the app does, then opens `path`. */
export async function apiLogin(
  email: string,
  password = DEMO_PASSWORD,
): Promise<{ accessToken: string; user: { id: string; shopId?: string; name: string } }> {
  const res = await fetch(`${baseUrl()}/api/v2/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email} failed: ${res.status}`);
  return res.json();
}
