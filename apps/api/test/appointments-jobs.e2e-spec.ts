import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AppointmentDto, AppointmentSlotsDto } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import {
  closeClientsAfterEach,
  connectCalls,
  createShop,
  sleep,
  type TestShop,
} from './support/call-clients';
import { createTestDatabase } from './support/test-database';

const API = '/api/v2';

/** A real SMTP server on a free port that keeps every message it is sent, parsed. */
async function startSmtp(): Promise<{ url: string; mails: ParsedMail[]; close(): Promise<void> }> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

const rules = (env: TestEnvironment, shop: TestShop, r: Record<string, number>) =>
  env
    .http()
    .put(`${API}/shops/${shop.shopId}/appointment-settings`)
    .set('Authorization', shop.owner.auth)
    .send({
      slotMinutes: 1,
      bufferMinutes: 0,
      capacity: 1,
      reminderLeadMinutes: 15,
      changeCutoffMinutes: 0,
      ...r,
    })
    .expect(200);
const freeSlots = async (env: TestEnvironment, shop: TestShop) =>
  (
    (await env.http().get(`${API}/shops/${shop.shopId}/appointment-slots`).expect(200))
      .body as AppointmentSlotsDto
  ).slots;
const book = async (env: TestEnvironment, customer: TestUser, shop: TestShop, startsAt: string) =>
  (
    await env
      .http()
      .post(`${API}/appointments`)
      .set('Authorization', customer.auth)
      .send({ shopId: shop.shopId, productId: shop.product.id, startsAt })
      .expect(201)
  ).body as AppointmentDto;
const read = async (env: TestEnvironment, user: TestUser, id: string) =>
  (await env.http().get(`${API}/appointments/${id}`).set('Authorization', user.auth).expect(200))
    .body as AppointmentDto;

/**
 * The jobs that run at a time (reminders, no-shows): kept in PostgreSQL, run once, after a
 * restart too; the reminder email goes through a real SMTP server.
 */
describe('appointment reminders and no-shows (real API, PostgreSQL job queue, SMTP server)', () => {
  const track = closeClientsAfterEach();
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.close());

  it("reminds both sides in the apps and the customer by email; a moved appointment's old no-show check does nothing", async () => {
    const env = await createTestEnvironment({ label: 'appointment_reminders', env: { SMTP_URL: smtp.url } });
    try {
      const shop = await createShop(env, 'Walnut desk');
      const customer = await env.registerCustomer();
      const staff = track(await connectCalls(env, shop.owner));
      const phone = track(await connectCalls(env, customer));
      // The first 1-minute slot starting in 5 s or more, the reminder 15 minutes before: due at once.
      await rules(env, shop, { reminderLeadMinutes: 15 });
      const slots = (await freeSlots(env, shop)).filter(
        (s) => new Date(s.startsAt).getTime() > Date.now() + 5000,
      );
      const appointment = await book(env, customer, shop, slots[0].startsAt);
      const [forCustomer, forStaff] = (await Promise.all([
        phone.next('appointment:reminder', undefined, 15_000),
        staff.next('appointment:reminder', undefined, 15_000),
      ])) as { appointment: AppointmentDto }[];
      expect(forCustomer.appointment).toMatchObject({ id: appointment.id, startsAt: slots[0].startsAt });
      expect(forStaff.appointment.id).toBe(appointment.id);

      const mail = await until(
        'the reminder email',
        async () => smtp.mails.find((m) => m.subject?.includes('Walnut') || m.text?.includes('Walnut desk')),
        15_000,
      );
      expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain(customer.user.email);
      expect(mail.subject).toMatch(/^Reminder: video call with Shop \S+ at \d\d:\d\d$/);
      expect(mail.text).toContain('Walnut desk');
      const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      expect(ics?.content.toString()).toContain(`UID:appointment-${appointment.id}@callshop`);

      // Moved to a later slot: a new reminder for the new time, and the old no-show check (at the
      // old end) finds it moved and leaves it booked.
      const moved = (
        await env
          .http()
          .patch(`${API}/appointments/${appointment.id}`)
          .set('Authorization', customer.auth)
          .send({ startsAt: slots[5].startsAt })
          .expect(200)
      ).body as AppointmentDto;
      const second = (await phone.next('appointment:reminder', undefined, 15_000)) as {
        appointment: AppointmentDto;
      };
      expect(second.appointment.startsAt).toBe(moved.startsAt);
      await sleep(Math.max(0, new Date(appointment.endsAt).getTime() - Date.now()) + 4000);
      expect((await read(env, customer, appointment.id)).status).toBe('booked');
      // Once per start time: two reminders in all, two emails.
      expect(phone.received('appointment:reminder')).toHaveLength(2);
      expect(smtp.mails.filter((m) => m.text?.includes('Walnut desk'))).toHaveLength(2);
    } finally {
      await env.close();
    }
  }, 400_000);

  it('jobs queued before a restart run after it, once across two instances: the reminder is sent once, the no-show recorded', async () => {
    const db = await createTestDatabase('appointment_restart');
    const settings = { SMTP_URL: smtp.url };
    const first = await createTestEnvironment({ databaseUrl: db.url, keepDatabase: true, env: settings });
    const shop = await createShop(first, 'Oak shelf');
    const customer = await first.registerCustomer();
    await rules(first, shop, { reminderLeadMinutes: 1 });
    // A slot at least 80 s ahead: its reminder (1 minute before) is due after this instance stops.
    const slot = (await freeSlots(first, shop)).find(
      (s) => new Date(s.startsAt).getTime() - Date.now() > 80_000,
    );
    const appointment = await book(first, customer, shop, slot?.startsAt as string);
    await first.close();
    expect(smtp.mails.filter((m) => m.text?.includes('Oak shelf'))).toHaveLength(0);

    const a = await createTestEnvironment({ databaseUrl: db.url, keepDatabase: true, env: settings });
    const b = await createTestEnvironment({ databaseUrl: db.url, env: settings });
    try {
      await until(
        'the reminder email',
        async () => smtp.mails.find((m) => m.text?.includes('Oak shelf')),
        120_000,
      );
      const noShow = await until(
        'the no-show',
        async () => {
          const now = await read(b, customer, appointment.id);
          return now.status === 'no_show' ? now : null;
        },
        Math.max(0, new Date(appointment.endsAt).getTime() - Date.now()) + 30_000,
      );
      expect(noShow).toMatchObject({ status: 'no_show', joinedAt: null, callId: null });
      expect(smtp.mails.filter((m) => m.text?.includes('Oak shelf'))).toHaveLength(1);
      // Final: the customer can no longer cancel it.
      await a
        .http()
        .post(`${API}/appointments/${appointment.id}/cancel`)
        .set('Authorization', customer.auth)
        .send({})
        .expect(409);
    } finally {
      await a.close();
      await b.close();
    }
  }, 300_000);
});
