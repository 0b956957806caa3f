import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, apiLogin, baseUrl, launchBrowser, newContext } from '../support/browser';

const UI = 20_000;
const SELLER = 'seller@demo.shop';
const CUSTOMER = { email: 'customer3@demo.shop', name: 'Riley Shopper' };
const NOTE = 'Prefers the walnut finish; call after 6 pm';

/**
 * From a call in the history the seller opens the customer's timeline, adds a private note with
 * tags to a call and sees it there; the customer's own call history never carries it.
 */
describe('seller console: customer timeline and call notes', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('opens the timeline from the call history and keeps a note with tags, private to the shop', async () => {
    await page.goto('/seller/login');
    await page.getByLabel('Email').fill(SELLER);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    const row = page.getByTestId('call-row').filter({ hasText: CUSTOMER.name }).first();
    await row.waitFor({ timeout: UI });
    await row.getByTestId('customer-timeline-link').click();
    await page.waitForURL(/\/seller\/customers\/[0-9a-f-]{36}$/, { timeout: UI });
    await page.getByTestId('timeline-customer').filter({ hasText: CUSTOMER.name }).waitFor({ timeout: UI });

    const call = page.locator('[data-testid="timeline-item"][data-kind="call"]').first();
    await call.getByTestId('note-body').fill(NOTE);
    await call.getByTestId('note-tags').fill('vip, walnut, vip');
    await call.getByRole('button', { name: 'Add note' }).click();
    const note = call.getByTestId('call-note').filter({ hasText: NOTE });
    await note.waitFor({ timeout: UI });
    expect(await note.getByTestId('call-note-tag').allTextContents()).toEqual(['vip', 'walnut']);

    // The customer's own history has the call and not the note.
    const { accessToken } = await apiLogin(CUSTOMER.email);
    const res = await fetch(`${baseUrl()}/api/v2/calls?limit=50`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain('walnut');
  });
});
