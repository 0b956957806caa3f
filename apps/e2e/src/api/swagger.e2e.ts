import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, screenshot } from '../support/browser';

describe('API documentation in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('renders Swagger UI with the seed call routes listed', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/api/docs');
    await page.getByText('/api/v2/auth/register').first().waitFor();
    await screenshot(page, 'api-docs');
    expect(await page.getByText('/api/v2/products/{id}').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
