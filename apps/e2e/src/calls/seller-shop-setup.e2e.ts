import type { Browser, BrowserContext } from 'playwright-core';
import { baseUrl, launchBrowser, screenshot } from '../support/browser';
import {
  UI_TIMEOUT,
  closeAll,
  expectSellerStatus,
  personContext,
  waitFor,
  waitForText,
} from './call-helpers';

/**
 * A new seller opens a shop, manages its products (with the API's validation messages on the
 * fields) and adds a staff member, who can then log in and take calls.
 */
describe('seller console: a new shop', () => {
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  const stamp = Date.now();
  const owner = { name: 'Olga Owner', email: `olga-${stamp}@example.com`, password: 'correct-horse-42' };
  const shopName = `Olga's Lamps ${stamp}`;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await closeAll(...contexts);
    contexts = [];
  });
  afterAll(() => browser.close());

  it('signs up, adds, edits and deletes a product, and adds staff who can log in', async () => {
    const context = await personContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/seller/signup');
    await page.getByLabel('Shop name').fill(shopName);
    await page.getByLabel('Shop description').fill('Lamps for reading and working.');
    await page.getByLabel('Shop phone number').fill('+1 555 010 9999');
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Create shop' }).click();

    await page.getByRole('heading', { name: 'Products' }).waitFor({ timeout: UI_TIMEOUT });
    await expect(waitForText(page.getByTestId('shop-name'), shopName)).resolves.toBe(true);
    await expectSellerStatus(page, 'Online: customers can call you');
    await page.getByText('No products yet').waitFor();

    // A bad image address passes the form but not the API: its message lands on the field.
    await page.getByRole('link', { name: 'Add product' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Brass Desk Lamp');
    await page.getByLabel('Description').fill('A warm, dimmable desk lamp.');
    await page.getByLabel('Price').fill('24.9');
    await page.getByLabel('Stock').fill('5');
    await page.getByLabel('Image URLs').fill('not a picture');
    await page.getByRole('button', { name: 'Create product' }).click();
    const imagesField = page.locator('mat-form-field').filter({ hasText: 'Image URLs' });
    await expect(waitForText(imagesField, 'each image must be an http(s) URL or a site path')).resolves.toBe(
      true,
    );
    await screenshot(page, 'seller-product-validation');

    // The form's own check: a price that is not an amount.
    await page.getByLabel('Price').fill('twenty');
    await page.getByRole('button', { name: 'Create product' }).click();
    await expect(
      waitForText(page.locator('mat-form-field').filter({ hasText: 'Price' }), 'Enter a price like 49.99.'),
    ).resolves.toBe(true);

    await page.getByLabel('Price').fill('24.90');
    await page.getByLabel('Image URLs').fill('/api/v2/media/demo/headphones.svg');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByText('Brass Desk Lamp was added.').waitFor({ timeout: UI_TIMEOUT });
    const row = page.getByTestId('product-row').filter({ hasText: 'Brass Desk Lamp' });
    expect(await row.textContent()).toContain('$24.90');

    // Customers see it in the catalogue, sold by the new shop.
    const found = (await (
      await fetch(`${baseUrl()}/api/v2/products?search=${encodeURIComponent('Brass Desk Lamp')}`)
    ).json()) as { items: { name: string; price: number; shop: { name: string } }[] };
    expect(found.items).toEqual([
      expect.objectContaining({
        name: 'Brass Desk Lamp',
        price: 2490,
        shop: expect.objectContaining({ name: shopName }),
      }),
    ]);

    await row.getByRole('link', { name: 'Edit Brass Desk Lamp' }).click();
    await expect(
      waitFor(async () => (await page.getByLabel('Price').inputValue()) === '24.90'),
    ).resolves.toBe(true);
    await page.getByLabel('Price').fill('19.99');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Brass Desk Lamp was saved.').waitFor({ timeout: UI_TIMEOUT });
    await expect(waitForText(row, '$19.99')).resolves.toBe(true);

    await row.getByRole('button', { name: 'Delete Brass Desk Lamp' }).click();
    await row.getByRole('button', { name: 'Confirm delete Brass Desk Lamp' }).click();
    await page.getByText('Brass Desk Lamp was deleted.').waitFor({ timeout: UI_TIMEOUT });
    await expect(waitFor(async () => (await page.getByTestId('product-row').count()) === 0)).resolves.toBe(
      true,
    );
    await page.getByText('No products yet').waitFor();

    // The owner adds a staff member.
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.getByTestId('staff-member').filter({ hasText: owner.name }).waitFor({ timeout: UI_TIMEOUT });
    const staffEmail = `sven-${stamp}@example.com`;
    await page.getByLabel('Name', { exact: true }).fill('Sven Staff');
    await page.getByLabel('Email').fill(staffEmail);
    await page.getByLabel('Temporary password').fill('another-pass-77');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await page.getByText(`Sven Staff can now log in with ${staffEmail}.`).waitFor({ timeout: UI_TIMEOUT });
    await page.getByTestId('staff-member').filter({ hasText: 'Sven Staff' }).waitFor();

    // The same email again: the API's answer is shown, nothing is added.
    await page.getByLabel('Name', { exact: true }).fill('Sven Again');
    await page.getByLabel('Email').fill(staffEmail);
    await page.getByLabel('Temporary password').fill('another-pass-77');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await expect(waitForText(page.getByRole('alert'), 'already exists')).resolves.toBe(true);

    const staffContext = await personContext(browser);
    contexts.push(staffContext);
    const staffPage = await staffContext.newPage();
    await staffPage.goto('/seller/login');
    await staffPage.getByLabel('Email').fill(staffEmail);
    await staffPage.getByLabel('Password').fill('another-pass-77');
    await staffPage.getByRole('button', { name: 'Log in' }).click();
    await expect(waitForText(staffPage.getByTestId('shop-name'), shopName)).resolves.toBe(true);
    await expectSellerStatus(staffPage, 'Online: customers can call you');
    // Only the owner manages staff.
    expect(await staffPage.getByRole('link', { name: 'Staff' }).count()).toBe(0);
  });

  it('turns customer accounts away from the console', async () => {
    const context = await personContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/seller/calls');
    await page.waitForURL(/\/seller\/login/);
    await page.getByLabel('Email').fill('customer@demo.shop');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(waitForText(page.getByRole('alert'), 'This is a customer account')).resolves.toBe(true);
    expect(new URL(page.url()).pathname).toBe('/seller/login');
  });
});
