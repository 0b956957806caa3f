import { DateTime } from 'luxon';
import type { AppointmentDto, AppointmentSlotsDto, CallDto } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import {
  acceptedCall,
  closeClientsAfterEach,
  connectCalls,
  createShop,
  initiate,
  type TestShop,
} from './support/call-clients';

const API = '/api/v2';

/** Booked video appointments: every rule through the real API on PostgreSQL. */
describe('video appointments (real API, PostgreSQL, Socket.io clients)', () => {
  let env: TestEnvironment;
  const track = closeClientsAfterEach();
  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'appointments' });
  });
  afterAll(() => env.close());

  const setHours = (
    shop: TestShop,
    timeZone: string,
    weekly: { day: number; opens: string; closes: string }[],
  ) =>
    env
      .http()
      .put(`${API}/shops/${shop.shopId}/opening-hours`)
      .set('Authorization', shop.owner.auth)
      .send({ timeZone, weekly, closures: [] })
      .expect(200);
  const everyDay = (opens: string, closes: string) =>
    [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens, closes }));
  const setRules = (shop: TestShop, rules: Record<string, number>) =>
    env
      .http()
      .put(`${API}/shops/${shop.shopId}/appointment-settings`)
      .set('Authorization', shop.owner.auth)
      .send({
        slotMinutes: 15,
        bufferMinutes: 5,
        capacity: 1,
        reminderLeadMinutes: 15,
        changeCutoffMinutes: 60,
        ...rules,
      })
      .expect(200);
  const slots = async (shop: TestShop, from?: string, to?: string) => {
    const q = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
    return (await env.http().get(`${API}/shops/${shop.shopId}/appointment-slots?${q}`).expect(200))
      .body as AppointmentSlotsDto;
  };
  const book = (customer: TestUser, shop: TestShop, startsAt: string, note?: string) =>
    env
      .http()
      .post(`${API}/appointments`)
      .set('Authorization', customer.auth)
      .send({ shopId: shop.shopId, productId: shop.product.id, startsAt, ...(note ? { note } : {}) });
  const upcoming = async (user: TestUser) =>
    (await env.http().get(`${API}/appointments`).set('Authorization', user.auth).expect(200))
      .body as AppointmentDto[];

  it('the shop sets its rules; others are refused and bad values are named', async () => {
    const shop = await createShop(env);
    const other = await createShop(env);
    const customer = await env.registerCustomer();
    const url = `${API}/shops/${shop.shopId}/appointment-settings`;
    expect((await env.http().get(url).expect(200)).body).toEqual({
      slotMinutes: 15,
      bufferMinutes: 5,
      capacity: 1,
      reminderLeadMinutes: 15,
      changeCutoffMinutes: 60,
    });
    const rules = {
      slotMinutes: 30,
      bufferMinutes: 10,
      capacity: 2,
      reminderLeadMinutes: 60,
      changeCutoffMinutes: 120,
    };
    expect(
      (await env.http().put(url).set('Authorization', shop.owner.auth).send(rules).expect(200)).body,
    ).toEqual(rules);
    await env.http().put(url).send(rules).expect(401);
    await env.http().put(url).set('Authorization', customer.auth).send(rules).expect(403);
    const foreign = await env.http().put(url).set('Authorization', other.owner.auth).send(rules).expect(403);
    expect(foreign.body.message).toContain("Only the shop's staff");
    const bad = await env
      .http()
      .put(url)
      .set('Authorization', shop.owner.auth)
      .send({ ...rules, slotMinutes: 0, capacity: 1.5 })
      .expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('slotMinutes must be 1 to 240');
    expect(JSON.stringify(bad.body.message)).toContain('capacity must be a whole number');
    expect((await env.http().get(url).expect(200)).body).toEqual(rules);
    await env.http().get(`${API}/shops/not-a-uuid/appointment-settings`).expect(400);
    await env
      .http()
      .get(`${API}/shops/00000000-0000-4000-8000-000000000000/appointment-settings`)
      .expect(404);
  });

  it("offers slots only within opening hours, in UTC with the shop's zone, and a closed shop still offers them", async () => {
    const shop = await createShop(env);
    const zone = 'America/New_York';
    // Tomorrow in New York, 09:00-10:00 only.
    const tomorrow = DateTime.now().setZone(zone).plus({ days: 1 }).startOf('day');
    await setHours(shop, zone, [{ day: tomorrow.weekday, opens: '09:00', closes: '10:00' }]);
    await setRules(shop, { slotMinutes: 15, bufferMinutes: 5 });
    const got = await slots(
      shop,
      tomorrow.toUTC().toISO() as string,
      tomorrow.plus({ days: 1 }).toUTC().toISO() as string,
    );
    expect(got.timeZone).toBe(zone);
    expect(got.slots.map((s) => DateTime.fromISO(s.startsAt, { zone }).toFormat('HH:mm'))).toEqual([
      '09:00',
      '09:20',
      '09:40',
    ]);
    expect(got.slots[0]).toMatchObject({ free: 1 });
    expect(got.slots[0].startsAt.endsWith('Z')).toBe(true);
    // Outside the hours a call does not ring, but the week's slots are offered.
    const customer = await env.registerCustomer();
    const refused = await initiate(env, customer, {
      sellerId: shop.shopId,
      productId: shop.product.id,
    }).expect(409);
    expect(refused.body.message).toContain('closed');
    expect((await slots(shop)).slots.length).toBeGreaterThan(0);

    // Bad ranges are named.
    const base = `${API}/shops/${shop.shopId}/appointment-slots`;
    expect((await env.http().get(`${base}?from=yesterday`).expect(400)).body.message).toBe(
      'from must be an ISO 8601 date-time',
    );
    const now = DateTime.utc();
    await env
      .http()
      .get(`${base}?from=${now.toISO()}&to=${now.minus({ hours: 1 }).toISO()}`)
      .expect(400);
    const wide = await env
      .http()
      .get(`${base}?from=${now.toISO()}&to=${now.plus({ days: 40 }).toISO()}`)
      .expect(400);
    expect(wide.body.message).toContain('at most 31 days');
  });

  it('keeps wall-clock hours across the next daylight-saving change, and books on that day', async () => {
    // Whichever of these zones changes its clocks soonest (one hemisphere always does within months).
    const candidates = ['Europe/Berlin', 'Australia/Sydney', 'America/New_York'];
    const changes: { zone: string; day: DateTime; millis: number }[] = [];
    for (const zone of candidates) {
      let day: DateTime = DateTime.now().setZone(zone).startOf('day').plus({ days: 1 });
      for (let i = 0; i < 366; i++, day = day.plus({ days: 1 })) {
        // The clocks move on this day: midnight and the day's end differ.
        if (day.offset !== day.endOf('day').offset) {
          changes.push({ zone, day, millis: day.toMillis() });
          break;
        }
      }
    }
    const [change] = changes.sort((a, b) => a.millis - b.millis);
    const shop = await createShop(env);
    await setHours(shop, change.zone, everyDay('09:00', '10:00'));
    await setRules(shop, { slotMinutes: 60, bufferMinutes: 0 });
    const before = change.day.minus({ days: 1 });
    const got = await slots(
      shop,
      before.toUTC().toISO() as string,
      change.day.plus({ days: 1 }).toUTC().toISO() as string,
    );
    expect(got.slots).toHaveLength(2);
    const [a, b] = got.slots.map((s) => DateTime.fromISO(s.startsAt, { zone: change.zone }));
    expect(a.toFormat('HH:mm')).toBe('09:00');
    expect(b.toFormat('HH:mm')).toBe('09:00');
    // The UTC instants are a day apart minus or plus the hour the clocks moved.
    const hours = b.diff(a, 'hours').hours;
    expect(hours === 23 || hours === 25).toBe(true);
    const customer = await env.registerCustomer();
    const booked = (await book(customer, shop, got.slots[1].startsAt).expect(201)).body as AppointmentDto;
    expect(booked).toMatchObject({ startsAt: got.slots[1].startsAt, status: 'booked' });
    expect(new Date(booked.endsAt).getTime() - new Date(booked.startsAt).getTime()).toBe(3_600_000);
    const ics = await env
      .http()
      .get(`${API}/appointments/${booked.id}/calendar.ics`)
      .set('Authorization', customer.auth)
      .expect(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    const dt = DateTime.fromISO(got.slots[1].startsAt, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
    expect(ics.text).toContain(`DTSTART:${dt}`);
    expect(ics.text).toContain(`UID:appointment-${booked.id}@callshop`);
  });

  it('two customers racing for the last place: exactly one gets it, the other is told which slot is full', async () => {
    const shop = await createShop(env);
    await setRules(shop, { slotMinutes: 15, bufferMinutes: 0, capacity: 2 });
    const before = (await slots(shop)).slots;
    const slot = before[4];
    const customers = await Promise.all([1, 2, 3, 4, 5].map(() => env.registerCustomer()));
    const answers = await Promise.all(customers.map((c) => book(c, shop, slot.startsAt)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409]);
    const refused = answers.find((r) => r.status === 409);
    expect(refused?.body.message).toContain('is fully booked');
    expect(refused?.body.message).toContain(slot.startsAt);
    // The slot is gone from the free ones; the next is untouched.
    const after = await slots(shop);
    expect(after.slots.find((s) => s.startsAt === slot.startsAt)).toBeUndefined();
    expect(after.slots.map((s) => s.startsAt)).toContain(before[5].startsAt);

    // Capacity one: one winner out of two, many rounds.
    await setRules(shop, { slotMinutes: 15, bufferMinutes: 0, capacity: 1 });
    const free = (await slots(shop)).slots.slice(10, 16);
    for (const s of free) {
      const pair = await Promise.all([env.registerCustomer(), env.registerCustomer()]);
      const [x, y] = await Promise.all([book(pair[0], shop, s.startsAt), book(pair[1], shop, s.startsAt)]);
      expect([x.status, y.status].sort()).toEqual([201, 409]);
    }
  });

  it('a slot and its buffer hold a staff member: no overlap, and a customer cannot be in two appointments at once', async () => {
    const shop = await createShop(env);
    const other = await createShop(env);
    await setRules(shop, { slotMinutes: 30, bufferMinutes: 10 });
    await setRules(other, { slotMinutes: 30, bufferMinutes: 10 });
    const customer = await env.registerCustomer();
    const [first] = (await slots(shop)).slots.slice(3);
    await book(customer, shop, first.startsAt).expect(201);
    // The same instant at another shop (same grid, both always open in UTC).
    const clash = await book(customer, other, first.startsAt).expect(409);
    expect(clash.body.message).toBe('You already have an appointment at that time');
  });

  it('refuses bad bookings with a message and changes nothing', async () => {
    const shop = await createShop(env);
    const other = await createShop(env);
    const customer = await env.registerCustomer();
    const slot = (await slots(shop)).slots[2];
    const offGrid = new Date(new Date(slot.startsAt).getTime() + 60_000).toISOString();
    expect((await book(customer, shop, offGrid).expect(400)).body.message).toContain(
      'is not the start of one',
    );
    const past = DateTime.utc().minus({ days: 1 }).startOf('day').toISO() as string;
    expect((await book(customer, shop, past).expect(400)).body.message).toContain('already started');
    const far = DateTime.utc().plus({ days: 200 }).startOf('day').toISO() as string;
    expect((await book(customer, shop, far).expect(400)).body.message).toContain('days ahead');
    await env
      .http()
      .post(`${API}/appointments`)
      .set('Authorization', customer.auth)
      .send({ shopId: shop.shopId, productId: other.product.id, startsAt: slot.startsAt })
      .expect(400);
    await env
      .http()
      .post(`${API}/appointments`)
      .set('Authorization', customer.auth)
      .send({ shopId: 'x', productId: shop.product.id, startsAt: slot.startsAt })
      .expect(400);
    await env
      .http()
      .post(`${API}/appointments`)
      .set('Authorization', customer.auth)
      .send({ shopId: shop.shopId, productId: shop.product.id, startsAt: 'soon' })
      .expect(400);
    await book(customer, shop, slot.startsAt, 'x'.repeat(501)).expect(400);
    await env
      .http()
      .post(`${API}/appointments`)
      .send({ shopId: shop.shopId, productId: shop.product.id, startsAt: slot.startsAt })
      .expect(401);
    const seller = await book(other.owner, shop, slot.startsAt).expect(403);
    expect(seller.body.message).toBe('Only customers book appointments');
    expect(await upcoming(customer)).toEqual([]);
    expect(await upcoming(shop.owner)).toEqual([]);
  });

  it('both sides see it, are told, reschedule and cancel within the rules; strangers see nothing', async () => {
    const shop = await createShop(env);
    await setRules(shop, { slotMinutes: 15, bufferMinutes: 0, changeCutoffMinutes: 0 });
    const customer = await env.registerCustomer();
    const stranger = await env.registerCustomer();
    const otherShop = await createShop(env);
    const staff = track(await connectCalls(env, shop.owner));
    const phone = track(await connectCalls(env, customer));
    const free = (await slots(shop)).slots;
    const booked = (await book(customer, shop, free[3].startsAt, 'The blue one').expect(201))
      .body as AppointmentDto;
    expect(booked).toMatchObject({
      status: 'booked',
      note: 'The blue one',
      product: { id: shop.product.id, name: shop.product.name },
      customer: { id: customer.user.id },
      shop: { id: shop.shopId, timeZone: 'UTC' },
      rescheduleCount: 0,
    });
    const pushed = (await staff.next('appointment:updated')) as { appointment: AppointmentDto };
    expect(pushed.appointment.id).toBe(booked.id);
    await phone.next('appointment:updated');
    expect((await upcoming(customer)).map((a) => a.id)).toEqual([booked.id]);
    expect((await upcoming(shop.owner)).map((a) => a.id)).toEqual([booked.id]);
    expect(await upcoming(otherShop.owner)).toEqual([]);
    for (const outsider of [stranger, otherShop.owner]) {
      await env
        .http()
        .get(`${API}/appointments/${booked.id}`)
        .set('Authorization', outsider.auth)
        .expect(404);
      await env
        .http()
        .get(`${API}/appointments/${booked.id}/calendar.ics`)
        .set('Authorization', outsider.auth)
        .expect(404);
      await env
        .http()
        .post(`${API}/appointments/${booked.id}/cancel`)
        .set('Authorization', outsider.auth)
        .send({ reason: 'no' })
        .expect(404);
    }
    await env.http().get(`${API}/appointments/${booked.id}/calendar.ics`).expect(401);

    // The customer moves it; the old slot is free again.
    const moved = await env
      .http()
      .patch(`${API}/appointments/${booked.id}`)
      .set('Authorization', customer.auth)
      .send({ startsAt: free[5].startsAt })
      .expect(200);
    expect(moved.body).toMatchObject({ startsAt: free[5].startsAt, rescheduleCount: 1, status: 'booked' });
    expect((await slots(shop)).slots.map((s) => s.startsAt)).toContain(free[3].startsAt);
    const staffMove = await env
      .http()
      .patch(`${API}/appointments/${booked.id}`)
      .set('Authorization', shop.owner.auth)
      .send({ startsAt: free[6].startsAt })
      .expect(403);
    expect(staffMove.body.message).toContain('Only the customer reschedules');
    await env
      .http()
      .patch(`${API}/appointments/${booked.id}`)
      .set('Authorization', customer.auth)
      .send({ startsAt: 'later' })
      .expect(400);

    // The shop cancels only with a reason.
    const noReason = await env
      .http()
      .post(`${API}/appointments/${booked.id}/cancel`)
      .set('Authorization', shop.owner.auth)
      .send({})
      .expect(400);
    expect(noReason.body.message).toContain('reason is required');
    const cancelled = await env
      .http()
      .post(`${API}/appointments/${booked.id}/cancel`)
      .set('Authorization', shop.owner.auth)
      .send({ reason: 'Out of stock until May' })
      .expect(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'shop',
      cancelReason: 'Out of stock until May',
    });
    await phone.next(
      'appointment:updated',
      (p: { appointment: AppointmentDto }) => p.appointment.status === 'cancelled',
    );
    const again = await env
      .http()
      .post(`${API}/appointments/${booked.id}/cancel`)
      .set('Authorization', customer.auth)
      .send({})
      .expect(409);
    expect(again.body.message).toBe('The appointment is already cancelled');
    expect(await upcoming(customer)).toEqual([]);
    const past = await env
      .http()
      .get(`${API}/appointments?when=past`)
      .set('Authorization', customer.auth)
      .expect(200);
    expect(past.body.map((a: AppointmentDto) => a.id)).toEqual([booked.id]);
    await env.http().get(`${API}/appointments?when=later`).set('Authorization', customer.auth).expect(400);
    const ics = await env
      .http()
      .get(`${API}/appointments/${booked.id}/calendar.ics`)
      .set('Authorization', customer.auth)
      .expect(200);
    expect(ics.text).toContain('STATUS:CANCELLED');
  });

  it("the customer cannot change it past the shop's cutoff", async () => {
    const shop = await createShop(env);
    await setRules(shop, { slotMinutes: 15, bufferMinutes: 0, changeCutoffMinutes: 10080 });
    const customer = await env.registerCustomer();
    const free = (await slots(shop)).slots;
    const booked = (await book(customer, shop, free[2].startsAt).expect(201)).body as AppointmentDto;
    expect(booked.changeableUntil).toBeNull();
    const move = await env
      .http()
      .patch(`${API}/appointments/${booked.id}`)
      .set('Authorization', customer.auth)
      .send({ startsAt: free[4].startsAt })
      .expect(409);
    expect(move.body.message).toBe(
      'Appointments with this shop can be changed up to 10080 minutes before they start',
    );
    await env
      .http()
      .post(`${API}/appointments/${booked.id}/cancel`)
      .set('Authorization', customer.auth)
      .send({})
      .expect(409);
    // The shop still can, with a reason.
    await env
      .http()
      .post(`${API}/appointments/${booked.id}/cancel`)
      .set('Authorization', shop.owner.auth)
      .send({ reason: 'Closed for inventory' })
      .expect(200);
  });

  it('at the time the customer joins: the staff are rung with the appointment, even before opening; it completes when the call connects', async () => {
    const shop = await createShop(env);
    // A zone where it is daytime now, so "opens in a few minutes" stays on today's date.
    const zone = ['UTC', 'Asia/Tokyo', 'America/New_York', 'Australia/Sydney'].find((z) => {
      const h = DateTime.now().setZone(z).hour;
      return h >= 2 && h <= 21;
    }) as string;
    const now = DateTime.now().setZone(zone);
    const opens = now.plus({ minutes: 3 }).startOf('minute');
    await setHours(shop, zone, [{ day: opens.weekday, opens: opens.toFormat('HH:mm'), closes: '24:00' }]);
    await setRules(shop, { slotMinutes: 5, bufferMinutes: 0 });
    const customer = await env.registerCustomer();
    const staff = track(await connectCalls(env, shop.owner));
    const phone = track(await connectCalls(env, customer));
    const first = (await slots(shop)).slots[0];
    expect(first.startsAt).toBe(opens.toUTC().toISO({ suppressMilliseconds: false }));
    const appointment = (await book(customer, shop, first.startsAt).expect(201)).body as AppointmentDto;

    // A walk-in call is refused (closed), the appointment's call rings.
    await initiate(env, customer, { sellerId: shop.shopId, productId: shop.product.id }).expect(409);
    const refusedForSeller = await env
      .http()
      .post(`${API}/video-call/initiate`)
      .set('Authorization', shop.owner.auth)
      .send({ customerId: customer.user.id, appointmentId: appointment.id })
      .expect(400);
    expect(refusedForSeller.body.message).toContain('appointmentId is for customers');
    const ack = (await phone.request('call:initiate', {
      sellerId: shop.shopId,
      productId: shop.product.id,
      appointmentId: appointment.id,
    })) as { ok: boolean; call: CallDto };
    expect(ack).toMatchObject({
      ok: true,
      call: { status: 'ringing', appointment: { id: appointment.id, startsAt: first.startsAt } },
    });
    const rung = (await staff.next('call:incoming')) as { call: CallDto };
    expect(rung.call.appointment).toEqual({ id: appointment.id, startsAt: first.startsAt });
    const linked = (
      await env
        .http()
        .get(`${API}/appointments/${appointment.id}`)
        .set('Authorization', shop.owner.auth)
        .expect(200)
    ).body as AppointmentDto;
    expect(linked).toMatchObject({ callId: ack.call.id, status: 'booked' });
    expect(linked.joinedAt).not.toBeNull();
    // The staff's history shows the call carries the appointment.
    const history = await env.http().get(`${API}/calls`).set('Authorization', shop.owner.auth).expect(200);
    expect(history.body.items[0]).toMatchObject({ id: ack.call.id, appointment: { id: appointment.id } });

    const accepted = await staff.request('call:accept', { callId: ack.call.id });
    expect(accepted).toMatchObject({ ok: true });
    await phone.next('call:accepted');
    expect(await phone.request('call:media', { callId: ack.call.id, flowing: true })).toMatchObject({
      ok: true,
    });
    expect(await staff.request('call:media', { callId: ack.call.id, flowing: true })).toMatchObject({
      ok: true,
    });
    const done = (await staff.next(
      'appointment:updated',
      (p: { appointment: AppointmentDto }) => p.appointment.status === 'completed',
    )) as { appointment: AppointmentDto };
    expect(done.appointment.id).toBe(appointment.id);
    await staff.request('call:hangup', { callId: ack.call.id });
  });

  it("a customer cannot join too early, somebody else's appointment, or a cancelled one", async () => {
    const shop = await createShop(env);
    await setRules(shop, { slotMinutes: 15, bufferMinutes: 0, changeCutoffMinutes: 0 });
    const customer = await env.registerCustomer();
    const stranger = await env.registerCustomer();
    const later = (await slots(shop)).slots[8];
    const appointment = (await book(customer, shop, later.startsAt).expect(201)).body as AppointmentDto;
    const join = (who: TestUser) =>
      initiate(env, who, {
        sellerId: shop.shopId,
        productId: shop.product.id,
        appointmentId: appointment.id,
      });
    expect((await join(customer).expect(409)).body.message).toContain('can be joined from 10 minutes before');
    expect((await join(stranger).expect(404)).body.message).toBe(`Appointment ${appointment.id} not found`);
    await env
      .http()
      .post(`${API}/appointments/${appointment.id}/cancel`)
      .set('Authorization', customer.auth)
      .send({})
      .expect(200);
    expect((await join(customer).expect(409)).body.message).toBe('The appointment is already cancelled');
    await initiate(env, customer, {
      sellerId: shop.shopId,
      productId: shop.product.id,
      appointmentId: 'x',
    }).expect(400);
  });

  it("an appointment's call rings ahead of the waiting line, where a walk-in call is busy", async () => {
    const shop = await createShop(env);
    await setRules(shop, { slotMinutes: 5, bufferMinutes: 0 });
    // The only staff member talks to someone; W waits in line, then steps away (its place is kept).
    const other = await env.registerCustomer();
    const { seller, call: first } = await acceptedCall(env, shop, other, track);
    const waiter = await env.registerCustomer();
    const waiterPhone = track(await connectCalls(env, waiter));
    expect(
      await waiterPhone.request('line:join', { sellerId: shop.shopId, productId: shop.product.id }),
    ).toMatchObject({ ok: true });
    const customer = await env.registerCustomer();
    const soon = (await slots(shop)).slots.find((s) => new Date(s.startsAt).getTime() > Date.now() + 5000);
    const appointment = (await book(customer, shop, soon?.startsAt as string).expect(201))
      .body as AppointmentDto;
    waiterPhone.close();
    await seller.request('call:hangup', { callId: first.id });
    // Free again, but W still has its place: a walk-in is busy, the appointment rings.
    const walkIn = track(await connectCalls(env, await env.registerCustomer()));
    expect(
      await walkIn.request('call:initiate', { sellerId: shop.shopId, productId: shop.product.id }),
    ).toMatchObject({ ok: true, call: { status: 'busy' } });
    const phone = track(await connectCalls(env, customer));
    const ack = await phone.request('call:initiate', {
      sellerId: shop.shopId,
      productId: shop.product.id,
      appointmentId: appointment.id,
    });
    expect(ack).toMatchObject({ ok: true, call: { status: 'ringing', appointment: { id: appointment.id } } });
    await seller.next('call:incoming', (p: { call: CallDto }) => p.call.appointment?.id === appointment.id);
  });

  it('a customer holds at most 3 upcoming appointments with a shop, and one the shop blocked books none', async () => {
    const shop = await createShop(env);
    await setRules(shop, { slotMinutes: 15, bufferMinutes: 0, changeCutoffMinutes: 0 });
    const customer = await env.registerCustomer();
    const free = (await slots(shop)).slots;
    for (const slot of free.slice(2, 5)) await book(customer, shop, slot.startsAt).expect(201);
    const fourth = await book(customer, shop, free[6].startsAt).expect(409);
    expect(fourth.body.message).toBe(
      'You have 3 upcoming appointments with this shop already: cancel one to book another',
    );
    const [first] = await upcoming(customer);
    await env
      .http()
      .post(`${API}/appointments/${first.id}/cancel`)
      .set('Authorization', customer.auth)
      .send({})
      .expect(200);
    await book(customer, shop, free[6].startsAt).expect(201);

    // Blocked after a callback request: no booking.
    const pest = await env.registerCustomer();
    await env
      .http()
      .post(`${API}/callbacks`)
      .set('Authorization', pest.auth)
      .send({ sellerId: shop.shopId, productId: shop.product.id, preference: 'video' })
      .expect(201);
    await env
      .http()
      .put(`${API}/shops/${shop.shopId}/blocked-customers/${pest.user.id}`)
      .set('Authorization', shop.owner.auth)
      .expect((r) => expect([200, 201, 204]).toContain(r.status));
    const refused = await book(pest, shop, free[8].startsAt).expect(403);
    expect(refused.body.message).toBe('This shop is not taking your calls');
    expect(await upcoming(pest)).toEqual([]);
  });
});
