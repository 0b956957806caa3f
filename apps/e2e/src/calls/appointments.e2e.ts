import type { Browser, BrowserContext } from 'playwright-core';
import { expectNoSeriousAxeViolations, smallControls } from '../support/a11y';
import { apiLogin, baseUrl, launchBrowser, screenshot } from '../support/browser';
import {
  CUSTOMERS,
  SHOP,
  UI_TIMEOUT,
  closeAll,
  expectRemoteVideoFlowing,
  incomingDialog,
  openProductPage,
  openSellerConsole,
  personContext,
  shopProduct,
  waitFor,
  waitForText,
} from './call-helpers';

const DEFAULT_RULES = {
  slotMinutes: 15,
  bufferMinutes: 5,
  capacity: 1,
  reminderLeadMinutes: 15,
  changeCutoffMinutes: 60,
};

async function setRules(rules: typeof DEFAULT_RULES): Promise<void> {
  const owner = await apiLogin(SHOP.owner.email);
  const res = await fetch(`${baseUrl()}/api/v2/shops/${owner.user.shopId}/appointment-settings`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${owner.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(rules),
  });
  if (res.status !== 200) throw new Error(`appointment settings: ${res.status}`);
}

/** Sets (or with null removes) the demo shop's opening hours. */
async function setHours(hours: object | null): Promise<void> {
  const owner = await apiLogin(SHOP.owner.email);
  await fetch(`${baseUrl()}/api/v2/shops/${owner.user.shopId}/opening-hours`, {
    method: hours ? 'PUT' : 'DELETE',
    headers: { authorization: `Bearer ${owner.accessToken}`, 'content-type': 'application/json' },
    ...(hours ? { body: JSON.stringify(hours) } : {}),
  });
}

/** Cancels whatever this test left booked with the demo shop, so no other test meets it. */
async function cancelLeftovers(): Promise<void> {
  const owner = await apiLogin(SHOP.owner.email);
  const headers = { authorization: `Bearer ${owner.accessToken}`, 'content-type': 'application/json' };
  const res = await fetch(`${baseUrl()}/api/v2/appointments`, { headers });
  for (const a of (await res.json()) as { id: string }[]) {
    await fetch(`${baseUrl()}/api/v2/appointments/${a.id}/cancel`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ reason: 'End of the browser test' }),
    });
  }
}

describe('video appointments', () => {
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await cancelLeftovers();
    await setRules(DEFAULT_RULES);
    await setHours(null);
    await closeAll(...contexts);
    contexts = [];
  });
  afterAll(() => browser.close());

  it('a customer books a slot, both sides are reminded, and at the time both join the call', async () => {
    // Short slots for the test: the next one starts within 5 minutes, so it can be joined now
    // (from 10 minutes before) and its reminder (15 minutes before) is due at once.
    await setRules({ ...DEFAULT_RULES, slotMinutes: 5, bufferMinutes: 0, changeCutoffMinutes: 0 });
    const product = await shopProduct('Studio Monitor Headphones');
    const sellerContext = await personContext(browser);
    const customerContext = await personContext(browser);
    contexts.push(sellerContext, customerContext);
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);
    const customer = await openProductPage(customerContext, CUSTOMERS.jordan.email, product);

    // Book the first free time from the product page.
    await customer.getByRole('button', { name: 'Book a video call' }).click();
    const dialog = customer.getByTestId('book-appointment-dialog');
    const firstSlot = dialog.getByTestId('appointment-slots').getByRole('button').first();
    await firstSlot.waitFor({ timeout: UI_TIMEOUT });
    const time = (await firstSlot.textContent())?.trim() ?? '';
    await expectNoSeriousAxeViolations(customer, 'booking dialog', '[data-testid="book-appointment-dialog"]');
    await firstSlot.click();
    await customer.getByLabel('Note for the shop (optional)').fill('Do they fold flat?');
    await customer.getByRole('button', { name: /^Book / }).click();
    await expect(waitForText(dialog.getByTestId('appointment-booked'), `Booked for`)).resolves.toBe(true);
    await screenshot(customer, 'appointment-booked');

    // Both sides are reminded in the app; the console lists it.
    await expect(
      waitForText(customer.locator('mat-snack-bar-container'), `Reminder: your video call with ${SHOP.name}`),
    ).resolves.toBe(true);
    await expect(
      waitForText(seller.locator('mat-snack-bar-container'), `Reminder: appointment about ${product.name}`),
    ).resolves.toBe(true);
    const sellerItem = seller.getByTestId('appointments-panel').getByTestId('appointment-item');
    await expect(waitForText(sellerItem, CUSTOMERS.jordan.name)).resolves.toBe(true);
    await expect(waitForText(sellerItem, 'Do they fold flat?')).resolves.toBe(true);
    await expectNoSeriousAxeViolations(seller, 'console appointments', '[data-testid="appointments-panel"]');

    // At the time: the customer joins from My appointments, the staff are rung with the appointment.
    await customer.keyboard.press('Escape');
    await customer.goto('/appointments');
    const join = customer.getByRole('button', { name: 'Join video call' });
    await expect(waitFor(() => join.isEnabled())).resolves.toBe(true);
    await expectNoSeriousAxeViolations(customer, 'My appointments');
    expect(await smallControls(customer, '[data-testid="appointment-list"]')).toEqual([]);
    await join.click();
    const ringing = incomingDialog(seller);
    await ringing.waitFor({ timeout: UI_TIMEOUT });
    await expect(
      waitForText(
        ringing.getByTestId('incoming-appointment'),
        `Appointment: ${product.name} with ${CUSTOMERS.jordan.name}, booked for ${time}`,
      ),
    ).resolves.toBe(true);
    await screenshot(seller, 'appointment-ringing');
    await ringing.getByRole('button', { name: 'Accept' }).click();
    await Promise.all([expectRemoteVideoFlowing(customer), expectRemoteVideoFlowing(seller)]);

    // Connected: the appointment took place and leaves both upcoming lists.
    await expect(
      waitFor(
        async () =>
          (await seller.getByTestId('appointments-panel').getByTestId('appointment-item').count()) === 0,
      ),
    ).resolves.toBe(true);
    await customer.getByRole('button', { name: 'Hang up' }).click();
    await expect(
      waitForText(customer.getByTestId('no-appointments'), 'No upcoming appointments.'),
    ).resolves.toBe(true);
  });

  it('outside opening hours the call does not ring, and the customer books a video call from the outcome instead', async () => {
    // Open every day in UTC, but closed today: the first free time is tomorrow.
    const today = new Date().toISOString().slice(0, 10);
    await setHours({
      timeZone: 'UTC',
      weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '09:00', closes: '17:00' })),
      closures: [today],
    });
    const product = await shopProduct('Studio Monitor Headphones');
    const sellerContext = await personContext(browser);
    const customerContext = await personContext(browser);
    contexts.push(sellerContext, customerContext);
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);
    const customer = await openProductPage(customerContext, CUSTOMERS.casey.email, product);
    await customer.getByRole('button', { name: 'Video Call Seller' }).click();
    const outcome = customer.getByTestId('call-outcome');
    await expect(waitForText(outcome, 'The shop is closed now.')).resolves.toBe(true);
    await outcome.getByRole('button', { name: 'Request a callback' }).waitFor({ timeout: UI_TIMEOUT });
    await outcome.getByRole('button', { name: 'Book a video call' }).click();
    const dialog = customer.getByTestId('book-appointment-dialog');
    const firstSlot = dialog.getByTestId('appointment-slots').getByRole('button').first();
    await firstSlot.waitFor({ timeout: UI_TIMEOUT });
    const tomorrow9 = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(
      new Date(`${today}T09:00:00Z`),
    );
    expect((await firstSlot.textContent())?.trim()).toBe(tomorrow9);
    await firstSlot.click();
    await customer.getByRole('button', { name: /^Book / }).click();
    await expect(waitForText(dialog.getByTestId('appointment-booked'), 'Booked for')).resolves.toBe(true);
    expect(await incomingDialog(seller).count()).toBe(0);
    const sellerItem = seller.getByTestId('appointments-panel').getByTestId('appointment-item');
    await expect(waitForText(sellerItem, CUSTOMERS.casey.name)).resolves.toBe(true);
  });
});
