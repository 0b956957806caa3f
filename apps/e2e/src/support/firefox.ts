import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, type Browser } from 'puppeteer-core';
import { baseUrl } from './browser';

/**
 * Debian's Firefox (`firefox-esr`), never a downloaded one: FIREFOX_PATH, or one on the PATH.
 * Playwright drives only its own patched Firefox builds; puppeteer-core speaks WebDriver BiDi,
 * which stock Firefox implements.
 */
export function findFirefox(): string | null {
  const fromEnv = process.env['FIREFOX_PATH'];
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  for (const name of ['firefox-esr', 'firefox']) {
    try {
      const path = execSync(`command -v ${name}`, { stdio: ['ignore', 'pipe', 'ignore'], shell: '/bin/sh' })
        .toString()
        .trim();
      if (path) return path;
    } catch {
      // not installed under this name
    }
  }
  return null;
}

/**
 * Site permissions Firefox loads as defaults (`permissions.manager.defaultsUrl`): camera,
 * microphone and notifications allowed for the app's origin, as the Chromium tests grant them.
 *
 * They matter for more than prompts: without a camera or microphone permission *stored* for
 * the origin, Firefox gathers ICE candidates on the default route's address only
 * ("default address only"), and in the tests' loopback-only network namespace there is no
 * default route, so no candidate at all and every call fails. `media.navigator.permission.disabled`
 * skips the prompt but stores nothing, and WebDriver BiDi's `permissions.setPermission` does not
 * know "camera" in Firefox. Defaults apply to the default browser context only (not to
 * `createBrowserContext()` containers), so tests use one Firefox person per browser at a time.
 */
function defaultPermissions(origin: string): string {
  return ['camera', 'microphone', 'desktop-notification']
    .map((type) => `origin\t${type}\t1\t${origin}\n`)
    .join('');
}

/** Preferences of a test profile: fake media, loopback ICE, media that plays without a click. */
export function firefoxPrefs(profileDir: string): Record<string, unknown> {
  return {
    // A fake camera (a changing colour with a moving line) and a fake microphone (a tone),
    // and no permission prompt.
    'media.navigator.streams.fake': true,
    'media.navigator.permission.disabled': true,
    'permissions.manager.defaultsUrl': `file://${join(profileDir, 'default-permissions')}`,
    // Gather 127.0.0.1 / ::1 host candidates (off by default, "only for testing in offline
    // environments"); plain addresses rather than mDNS names, as Chromium's peer cannot
    // resolve .local names inside the namespace.
    'media.peerconnection.ice.loopback': true,
    'media.peerconnection.ice.obfuscate_host_addresses': false,
    // The ringtone and the remote video start without a click, as with Chromium's
    // --autoplay-policy=no-user-gesture-required.
    'media.autoplay.default': 0,
    'media.autoplay.blocking_policy': 0,
  };
}

/**
 * Debian's Firefox, headless, on a fresh profile (removed when the browser closes) with fake
 * camera and microphone, driven over WebDriver BiDi.
 */
export async function launchFirefox(): Promise<Browser> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('No Firefox: apt-get install firefox-esr, or set FIREFOX_PATH');
  const profileDir = mkdtempSync(join(tmpdir(), 'callshop-firefox-'));
  writeFileSync(join(profileDir, 'default-permissions'), defaultPermissions(new URL(baseUrl()).origin));
  try {
    const browser = await launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      userDataDir: profileDir,
      extraPrefsFirefox: firefoxPrefs(profileDir),
      defaultViewport: { width: 1280, height: 800 },
      timeout: 90_000,
    });
    browser.once('disconnected', () => rmSync(profileDir, { recursive: true, force: true }));
    return browser;
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
}

/** The banner shown when Firefox is missing: the cross-browser tests are skipped, loudly. */
export function firefoxMissingBanner(): string {
  return [
    '',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '!! FIREFOX TESTS SKIPPED: no Firefox found (firefox-esr / firefox).          !!',
    '!! Install it (Debian/Ubuntu: sudo apt-get install firefox-esr) or set       !!',
    '!! FIREFOX_PATH=/path/to/firefox. In CI (CI=true) a missing Firefox fails.   !!',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '',
  ].join('\n');
}
