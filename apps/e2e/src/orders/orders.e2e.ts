import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoSeriousAxeViolations } from '../support/a11y';
import { DEMO_PASSWORD, apiLogin, baseUrl, launchBrowser, newContext, screenshot } from '../support/browser';

const UI = 15_000;
const CUSTOMER = { email: 'customer3@demo.shop', name: 'Riley Shopper' };
const SELLER = { email: 'garden@demo.shop' };
const PRODUCT = 'Ceramic Planter Set';

async function productId(name: string): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/v2/products?search=${encodeURIComponent(name)}`);
  const page = (await res.json()) as { items: { id: string; name: string }[] };
  const product = page.items.find((p) => p.name === name);
  if (!product) throw new Error(`no product ${name}`);
  return product.id;
}

async function logIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

async function textOf(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
}

async function waitForText(page: Page, testId: string, text: string): Promise<void> {
  const deadline = Date.now() + UI;
  while (Date.now() < deadline) {
    if ((await page.getByTestId(testId).count()) && (await textOf(page, testId)).includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${testId} to say "${text}", it says "${await textOf(page, testId)}"`);
}

/**
 * A shopper fills a cart before signing in, signs in at checkout (the cart comes along), pays cash
 * on delivery and sees the order; the shop confirms and ships it in the console; the shopper
 * sees it shipped.
 */
describe('cart, checkout and orders in two browsers', () => {
  let browser: Browser;
  let shopper: BrowserContext;
  let seller: BrowserContext;

  beforeAll(async () => {
    browser = await launchBrowser();
    shopper = await newContext(browser);
    seller = await newContext(browser);
  });
  afterAll(async () => {
    await shopper.close();
    await seller.close();
    await browser.close();
  });

  /** Empties the account's cart, which other browser tests of the run may have filled (a product card added during a call). */
  async function emptyAccountCart(email: string): Promise<void> {
    const { accessToken } = await apiLogin(email);
    const headers = { authorization: `Bearer ${accessToken}` };
    const cart = (await (await fetch(`${baseUrl()}/api/v2/cart`, { headers })).json()) as {
      items: { productId: string }[];
    };
    for (const item of cart.items) {
      await fetch(`${baseUrl()}/api/v2/cart/items/${item.productId}`, { method: 'DELETE', headers });
    }
  }

  it('a guest cart checked out after signing in becomes an order the shop ships, and the shopper sees "Shipped"', async () => {
    await emptyAccountCart(CUSTOMER.email);
    const id = await productId(PRODUCT);
    const stockBefore = (await (await fetch(`${baseUrl()}/api/v2/products/${id}`)).json()).stock as number;

    // Signed out: the cart lives in the browser.
    const page = await shopper.newPage();
    await page.goto(`/products/${id}`);
    await page.getByRole('heading', { name: PRODUCT }).waitFor({ timeout: UI });
    await page.getByTestId('add-to-cart').click();
    await waitForText(page, 'cart-count', '1');
    await page.getByTestId('add-to-cart').click();
    await waitForText(page, 'cart-count', '2');

    await page.getByTestId('cart-link').click();
    await page.getByTestId('cart-line').waitFor({ timeout: UI });
    expect(await textOf(page, 'cart-quantity')).toBe('2');
    await expectNoSeriousAxeViolations(page, 'cart');
    await page.getByRole('button', { name: `One less ${PRODUCT}` }).click();
    await waitForText(page, 'cart-count', '1');
    await page.getByRole('link', { name: 'Check out' }).click();

    // Checkout asks for a login and comes back with the cart merged into the account.
    await page.waitForURL(/\/login\?returnUrl=%2Fcheckout/, { timeout: UI });
    await logIn(page, CUSTOMER.email);
    await page.waitForURL(/\/checkout$/, { timeout: UI });
    await page.getByText(`1 × ${PRODUCT}`).waitFor({ timeout: UI });
    const cart = await page.evaluate(() => localStorage.getItem('callshop.guest-cart'));
    expect(cart).toBeNull();

    expect(await page.getByLabel('Full name').inputValue()).toBe(CUSTOMER.name);
    await expectNoSeriousAxeViolations(page, 'checkout');
    await page.getByLabel('Address').fill('7 Fern Lane');
    await page.getByLabel('City').fill('Portland');
    await page.getByLabel('Postal code').fill('97201');
    await page.getByLabel('Country code (e.g. US)').fill('US');
    expect(await page.getByLabel(/Cash on delivery/).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.waitForURL(/\/orders\?placed=1/, { timeout: UI });
    await page.getByTestId('order-placed').waitFor({ timeout: UI });
    const order = page.getByTestId('order').first();
    await order.waitFor({ timeout: UI });
    const orderId = await order.getAttribute('data-order-id');
    expect(await order.getByTestId('order-status').textContent()).toContain('Placed');
    expect(await order.textContent()).toContain(PRODUCT);
    expect(await page.getByTestId('cart-count').count()).toBe(0);
    const stockAfter = (await (await fetch(`${baseUrl()}/api/v2/products/${id}`)).json()).stock as number;
    expect(stockAfter).toBe(stockBefore - 1);
    await screenshot(page, 'storefront-my-orders');
    await expectNoSeriousAxeViolations(page, 'my orders');

    // The shop sees it in the console and moves it on.
    const console = await seller.newPage();
    await console.goto('/seller/login');
    await logIn(console, SELLER.email);
    await console.getByRole('link', { name: 'Orders' }).click();
    const row = console.locator(`[data-order-id="${orderId}"]`);
    await row.waitFor({ timeout: UI });
    expect(await row.textContent()).toContain(CUSTOMER.name);
    expect(await row.textContent()).toContain('7 Fern Lane');
    await row.getByRole('button', { name: 'Confirm' }).click();
    await row.getByRole('button', { name: 'Mark shipped' }).waitFor({ timeout: UI });
    await row.getByRole('button', { name: 'Mark shipped' }).click();
    await row.getByRole('button', { name: 'Mark delivered' }).waitFor({ timeout: UI });
    expect(await row.getByTestId('order-status').textContent()).toContain('Shipped');
    await screenshot(console, 'console-orders');
    await expectNoSeriousAxeViolations(console, 'console orders', 'main');

    // The shopper sees what the shop did.
    await page.reload();
    const mine = page.locator(`[data-order-id="${orderId}"]`);
    await mine.waitFor({ timeout: UI });
    expect(await mine.getByTestId('order-status').textContent()).toContain('Shipped');
    expect(await mine.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
  });

  it('adds to the cart from a product card in the catalog; the guest cart outlives a reload', async () => {
    const guest = await newContext(browser);
    const page = await guest.newPage();
    await page.goto('/');
    const card = page.locator('cs-product-card').filter({ hasText: 'Monstera Deliciosa' });
    await card.getByTestId('add-to-cart').click();
    await waitForText(page, 'cart-count', '1');
    expect(await card.textContent()).toContain('1 in your cart');
    await page.reload();
    await waitForText(page, 'cart-count', '1');
    await card.getByTestId('product-card').click();
    await page.getByRole('heading', { name: 'Monstera Deliciosa' }).waitFor({ timeout: UI });
    await guest.close();
  });

  it('the console marks an order placed after a connected call as assisted by it', async () => {
    const northwind = await newContext(browser);
    const console = await northwind.newPage();
    await console.goto('/seller/login');
    await logIn(console, 'seller@demo.shop');
    await console.getByRole('link', { name: 'Orders' }).click();
    // The demo's order of Riley's after a call with the shop (the run's other tests may add more).
    const assisted = console
      .getByTestId('order')
      .filter({ hasText: 'Riley Shopper' })
      .filter({ has: console.getByTestId('order-assisted') })
      .last();
    await assisted.waitFor({ timeout: UI });
    expect(await assisted.getByTestId('order-assisted').textContent()).toContain('Assisted by a call on');
    const callId = await assisted.getByTestId('order-assisted').getAttribute('data-call-id');
    expect(callId).toMatch(/^[0-9a-f-]{36}$/);
    const others = console.getByTestId('order').filter({ hasText: 'Jordan Buyer' });
    expect(await others.getByTestId('order-assisted').count()).toBe(0);
    await northwind.close();
  });
});
