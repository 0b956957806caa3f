import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, launchBrowser, newContext, screenshot } from '../support/browser';

const UI = 15_000;
const PASSWORD = 'lantern-orchard-meadow-9';

async function api<T>(path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${baseUrl()}/api/v2${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + UI;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A shop owner connects the shop to their own system: registers a webhook in the console, gets a
 * signed delivery on a real HTTP server when a customer asks for a callback, sees it in the log
 * and redelivers it; then exports the call history as CSV from the calls page.
 */
describe('seller console: webhooks and CSV export', () => {
  let browser: Browser;
  let context: BrowserContext;
  let server: Server;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const stamp = Date.now();
  const customerName = `=Quinn Export ${stamp}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await context?.close();
    await browser.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('registers a webhook, receives a signed delivery, redelivers it, and downloads the calls as CSV', async () => {
    const owner = await api<{ accessToken: string; user: { shopId: string } }>('/auth/register', {
      role: 'seller',
      name: 'Wren Webhook',
      email: `wren-${stamp}@example.com`,
      password: PASSWORD,
      shopName: `Wren's Radios ${stamp}`,
      phoneNumber: '+1 555 010 7777',
    });
    const customer = await api<{ accessToken: string }>('/auth/register', {
      role: 'customer',
      name: customerName,
      email: `quinn-${stamp}@example.com`,
      password: PASSWORD,
      phoneNumber: '+1 555 010 8888',
    });
    const product = await api<{ id: string }>(
      '/products',
      {
        name: 'Marine radio',
        description: 'Waterproof',
        price: 8900,
        stock: 3,
        images: ['/assets/demo/p.svg'],
      },
      owner.accessToken,
    );
    // Nobody of the new shop is online yet: the call is missed at once, and in the history.
    await api(
      '/video-call/initiate',
      { sellerId: owner.user.shopId, productId: product.id },
      customer.accessToken,
    );

    context = await newContext(browser);
    const page: Page = await context.newPage();
    await page.goto('/seller/login');
    await page.getByLabel('Email').fill(`wren-${stamp}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor({ timeout: UI });

    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    await page.getByLabel('Endpoint URL').fill(url);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = (
      (await page.getByTestId('webhook-secret').locator('code').textContent({ timeout: UI })) ?? ''
    ).trim();
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, 'seller-webhooks-secret');

    await api(
      '/callbacks',
      { sellerId: owner.user.shopId, note: 'Which radio for a boat?' },
      customer.accessToken,
    );
    const delivery = await until('the delivery', () => received[0]);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(delivery.headers['callshop-signature'] as string) ?? [];
    expect(createHmac('sha256', secret).update(`${t}.${delivery.body}`).digest('hex')).toBe(v1);
    expect(JSON.parse(delivery.body)).toMatchObject({
      type: 'callback.requested',
      data: { note: 'Which radio for a boat?' },
    });

    await page.getByRole('button', { name: 'Deliveries' }).click();
    const row = page.getByTestId('webhook-delivery').first();
    await until('a delivered row', async () => ((await row.textContent()) ?? '').includes('delivered'));
    expect(await row.textContent()).toContain('HTTP 204');
    await row.getByRole('button', { name: 'Redeliver' }).click();
    await until('the redelivery', () => received[1]);
    expect(received[1].body).toBe(delivery.body);
    await until(
      'two rows in the log',
      async () => (await page.getByTestId('webhook-delivery').count()) === 2,
    );

    await page.getByRole('link', { name: /^Calls\b/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: UI }),
      page.getByTestId('export-calls').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^calls-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv.startsWith('\uFEFFid,created_at,direction,')).toBe(true);
    // The customer's name would start a formula: it is exported as text.
    expect(csv).toContain(`,'${customerName},`);
    expect(csv).toContain(',incoming,video,missed,offline,');
  });
});
