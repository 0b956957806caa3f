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
    // A call of the customer's first, so that it is on the history's first page whatever
    // calls the tests before this one added (the demo's own calls of this customer are older).
    const customer = await apiLogin(CUSTOMER.email);
    const owner = await apiLogin(SELLER);
    const products = (await (
      await fetch(`${baseUrl()}/api/v2/products?shopId=${owner.user.shopId}&limit=1`)
    ).json()) as { items: { id: string }[] };
    const auth = { Authorization: `Bearer ${customer.accessToken}`, 'content-type': 'application/json' };
    const placed = await fetch(`${baseUrl()}/api/v2/video-call/initiate`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ sellerId: owner.user.shopId, productId: products.items[0].id, type: 'video' }),
    });
    expect(placed.status).toBe(201);
    const placedCall = (await placed.json()) as { id: string; status: string };
    // Nobody is signed in to the console yet, so it is missed at once; were it ringing, it is cancelled.
    if (placedCall.status === 'ringing') {
      await fetch(`${baseUrl()}/api/v2/calls/${placedCall.id}/cancel`, { method: 'POST', headers: auth });
    }

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
