import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, apiLogin, baseUrl, launchBrowser, newContext, screenshot } from '../support/browser';
import { ScriptedSeller } from './scripted-seller';

const SHOP = { name: 'Greenleaf Home & Garden', email: 'garden@demo.shop', tel: 'tel:+15550103344' };
const CUSTOMER = { email: 'customer2@demo.shop', name: 'Jordan Buyer' };
const UI = 15_000;

async function logIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

async function productId(name: string): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/v2/products?search=${encodeURIComponent(name)}`);
  const page = (await res.json()) as { items: { id: string; name: string }[] };
  const product = page.items.find((p) => p.name === name);
  if (!product) throw new Error(`no product ${name}`);
  return product.id;
}

describe('storefront in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  describe('browsing, searching and logging in', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await newContext(browser);
      page = await context.newPage();
    });
    afterAll(() => context.close());

    it('lists products, finds one by search and opens it with its price and shop', async () => {
      await page.goto('/');
      await page.getByTestId('product-card').first().waitFor({ timeout: UI });
      expect(await page.getByTestId('product-card').count()).toBeGreaterThan(3);

      await page.getByTestId('search-input').fill('pruning shears');
      await page.getByTestId('search-input').press('Enter');
      await page.waitForURL(/search=pruning/);
      expect(await waitFor(async () => (await page.getByTestId('product-card').count()) === 1)).toBe(true);
      await page.getByTestId('product-card').first().click();

      await page.waitForURL(/\/products\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: 'Stainless Pruning Shears' }).waitFor({ timeout: UI });
      expect(await page.getByTestId('product-price').first().textContent()).toContain('22.99');
      expect(await page.getByTestId('shop-link').first().textContent()).toContain(SHOP.name);
    });

    it('logged out, the call buttons invite you to log in and bring you back to the product', async () => {
      const productUrl = page.url();
      await page.getByTestId('call-buttons-note').waitFor({ timeout: UI });
      expect(await page.getByTestId('call-buttons-note').textContent()).toContain('Log in to call');
      await page.getByRole('button', { name: 'Video Call Seller' }).click();
      await page.waitForURL(/\/login\?returnUrl=/);
      await logIn(page, CUSTOMER.email);
      await page.waitForURL(productUrl, { timeout: UI });
      await page.getByRole('button', { name: 'Video Call Seller' }).waitFor({ timeout: UI });
      await page.getByRole('button', { name: 'Call Seller', exact: true }).waitFor();
      await screenshot(page, 'storefront-product-page');
    });

    it('says "Support" on products sold by the platform itself', async () => {
      await page.goto(`/products/${await productId('USB-C Charging Cable (2 m)')}`);
      await page.getByRole('button', { name: 'Video Call Support' }).waitFor({ timeout: UI });
      expect(await page.getByRole('button', { name: 'Video Call Seller' }).count()).toBe(0);
    });

    it('shows a not-found page for an unknown address and an unknown product', async () => {
      await page.goto('/no-such-page');
      await page
        .getByText(/not found/i)
        .first()
        .waitFor({ timeout: UI });
      await page.goto('/products/00000000-0000-4000-8000-000000000000');
      await page
        .getByText(/not found|no longer/i)
        .first()
        .waitFor({ timeout: UI });
    });
  });

  describe('calling the seller', () => {
    let context: BrowserContext;
    let page: Page;
    let seller: ScriptedSeller;
    let planterUrl: string;

    beforeAll(async () => {
      seller = await ScriptedSeller.connect(SHOP.email);
      context = await newContext(browser);
      page = await context.newPage();
      await page.goto('/login');
      await logIn(page, CUSTOMER.email);
      await page.getByTestId('current-user').waitFor({ timeout: UI });
      planterUrl = `/products/${await productId('Ceramic Planter Set')}`;
    });
    afterAll(async () => {
      seller.disconnect();
      await context.close();
    });

    it('"Call Seller" shows the shop number as a tel: link and records a callback request', async () => {
      await page.goto(planterUrl);
      await page.getByRole('button', { name: 'Call Seller', exact: true }).click();
      const dialog = page.getByTestId('call-seller-dialog');
      await dialog.waitFor({ timeout: UI });
      expect(await page.getByTestId('tel-link').getAttribute('href')).toBe(SHOP.tel);
      await screenshot(page, 'storefront-call-seller-dialog');

      await dialog.getByRole('button', { name: 'Request a callback' }).click();
      const note = `Does the set fit a 30 cm window sill? ${Date.now()}`;
      await dialog.getByLabel(/note/i).fill(note);
      await dialog.getByRole('button', { name: 'Send callback request' }).click();
      await page.getByTestId('callback-sent').waitFor({ timeout: UI });

      const { accessToken } = await apiLogin(SHOP.email);
      const res = await fetch(`${baseUrl()}/api/v2/callbacks?status=open`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const open = (await res.json()) as {
        items: { note: string; customer: { name: string }; product: { name: string } }[];
      };
      expect(open.items.find((c) => c.note === note)).toMatchObject({
        customer: { name: CUSTOMER.name },
        product: { name: 'Ceramic Planter Set' },
      });
    });

    it('"Video Call Seller" rings the seller with the product, and a decline is shown plainly', async () => {
      await page.goto(planterUrl);
      await page.keyboard.press('Escape');
      const ringing = seller.nextCall();
      await page.getByRole('button', { name: 'Video Call Seller' }).click();
      await page.getByTestId('outgoing-call').waitFor({ timeout: UI });
      const calling = await waitFor(async () =>
        ((await page.getByTestId('outgoing-call').textContent()) ?? '').includes(`Calling ${SHOP.name}`),
      );
      expect(calling).toBe(true);
      const call = await ringing;
      expect(call).toMatchObject({
        status: 'ringing',
        customer: { name: CUSTOMER.name },
        product: { name: 'Ceramic Planter Set' },
      });
      await seller.decline(call.id);
      await waitForOutcome(page, `${SHOP.name} declined the call.`);
    });

    it('an unanswered call ends as missed when the ring deadline passes', async () => {
      await closeOutcome(page);
      const ringing = seller.nextCall();
      await page.getByRole('button', { name: 'Video Call Seller' }).click();
      await ringing;
      await waitForOutcome(page, `No answer from ${SHOP.name}.`, 20_000);
    });

    it('when the seller goes offline the page says so live and offers a callback instead', async () => {
      await closeOutcome(page);
      await page.goto(planterUrl);
      await page.getByRole('button', { name: 'Video Call Seller' }).waitFor({ timeout: UI });
      expect(await page.getByRole('button', { name: 'Video Call Seller' }).isEnabled()).toBe(true);
      seller.disconnect();
      const disabled = await waitFor(
        async () => !(await page.getByRole('button', { name: 'Video Call Seller' }).isEnabled()),
      );
      expect(disabled).toBe(true);
      expect(await page.getByTestId('call-buttons-note').textContent()).toMatch(
        /offline|not taking calls|unavailable/i,
      );
      await page.getByRole('button', { name: 'Request a callback' }).waitFor();
      await screenshot(page, 'storefront-seller-offline');
    });
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = UI): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function waitForOutcome(page: Page, text: string, timeoutMs = UI): Promise<void> {
  const outcome = page.getByTestId('call-outcome');
  await outcome.waitFor({ timeout: timeoutMs });
  const ok = await waitFor(async () => ((await outcome.textContent()) ?? '').includes(text), timeoutMs);
  if (!ok) throw new Error(`expected outcome "${text}", saw "${await outcome.textContent()}"`);
}

async function closeOutcome(page: Page): Promise<void> {
  const close = page.getByTestId('call-outcome').getByRole('button', { name: 'Close' });
  if (await close.count()) await close.first().click();
  await page
    .getByTestId('call-outcome')
    .waitFor({ state: 'detached', timeout: UI })
    .catch(() => undefined);
}
