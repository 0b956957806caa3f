import { Client } from 'pg';
import type { ProductDto, ShopAnalytics } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import { createShop, type TestShop } from './support/call-clients';

interface CallRow {
  at: string;
  customer: TestUser;
  shop?: TestShop;
  staff?: TestUser | null;
  product?: ProductDto | null;
  by?: 'customer' | 'shop';
  status: string;
  reason?: string | null;
  /** seconds from created to answered */
  answerAfter?: number;
  duration?: number | null;
}

/**
 * A shop's figures (real API, PostgreSQL) on a hand-made fixture around the spring DST change
 * in Berlin (29 March 2026, 02:00 CET → 03:00 CEST): every number checked, in Berlin and in UTC,
 * the period and zone edges, bad input, and who may read the figures.
 */
describe('Shop analytics (real API, PostgreSQL)', () => {
  let env: TestEnvironment;
  let db: Client;
  let shop: TestShop;
  let other: TestShop;
  let staff: TestUser;
  let idle: TestUser;
  let ann: TestUser;
  let bob: TestUser;
  let p2: ProductDto;
  const ids: Record<string, string> = {};
  let rated = false;

  const figures = async (user: TestUser | null, query: string, expected = 200) => {
    const req = env.http().get(`/api/v2/analytics?${query}`);
    if (user) req.set('Authorization', user.auth);
    const res = await req.expect(expected);
    return res.body as ShopAnalytics & { message: string };
  };
  const BERLIN = 'from=2026-03-28&to=2026-03-31&timeZone=Europe/Berlin';

  const call = async (name: string, c: CallRow) => {
    const s = c.shop ?? shop;
    const created = new Date(c.at);
    const answered = c.answerAfter === undefined ? null : new Date(created.getTime() + c.answerAfter * 1000);
    const ended = new Date(created.getTime() + 600_000);
    const { rows } = await db.query(
      `INSERT INTO calls (customer_id, shop_id, staff_id, product_id, product_name, type, initiated_by, status,
                          end_reason, answered_at, connected_at, ended_at, duration_seconds, created_at)
       VALUES ($1, $2, $3, $4, $5, 'video', $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        c.customer.user.id,
        s.shopId,
        c.staff?.user.id ?? null,
        c.product === null ? null : (c.product ?? s.product).id,
        c.product === null ? null : (c.product ?? s.product).name,
        c.by ?? 'customer',
        c.status,
        c.reason ?? (c.status === 'ended' ? 'hangup' : c.status),
        answered,
        c.duration == null ? null : answered,
        ended,
        c.duration ?? null,
        created,
      ],
    );
    ids[name] = rows[0].id;
  };

  const order = async (
    at: string,
    customer: TestUser,
    status: string,
    items: [ProductDto, number][],
    assistedBy: string | null = null,
    s: TestShop = shop,
  ) => {
    const total = items.reduce((n, [p, q]) => n + p.price * q, 0);
    const { rows } = await db.query(
      `INSERT INTO orders (customer_id, shop_id, status, currency, total, shipping_address, payment_method,
                           payment_status, assisted_by_call_id, created_at)
       VALUES ($1, $2, $3, 'USD', $4, '{}'::jsonb, 'cash_on_delivery', 'due', $5, $6) RETURNING id`,
      [customer.user.id, s.shopId, status, total, assistedBy, at],
    );
    for (const [p, q] of items)
      await db.query(
        `INSERT INTO order_items (order_id, product_id, name, price, currency, quantity)
         VALUES ($1, $2, $3, $4, 'USD', $5)`,
        [rows[0].id, p.id, p.name, p.price, q],
      );
  };

  const callback = (
    at: string,
    customer: TestUser,
    status: string,
    handledAt: string | null = null,
    s: TestShop = shop,
  ) =>
    db.query(
      `INSERT INTO callback_requests (customer_id, shop_id, preference, status, handled_at, created_at)
       VALUES ($1, $2, 'phone', $3, $4, $5)`,
      [customer.user.id, s.shopId, status, handledAt, at],
    );

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'analytics' });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    shop = await createShop(env, 'Studio headphones');
    other = await createShop(env, 'Garden hose');
    staff = await shop.addStaff();
    idle = await shop.addStaff();
    ann = await env.registerCustomer({ name: 'Ann' });
    bob = await env.registerCustomer({ name: 'Bob' });
    p2 = (
      await env
        .http()
        .post('/api/v2/products')
        .set('Authorization', shop.owner.auth)
        .send({
          name: 'Ear pads',
          description: 'Velour',
          price: 5000,
          stock: 50,
          images: ['/assets/demo/p.svg'],
        })
        .expect(201)
    ).body as ProductDto;
    const owner = shop.owner;

    // Berlin is UTC+1 until 29 March 01:00 UTC, then UTC+2.
    await call('beforeStart', {
      at: '2026-03-27T22:59:00Z',
      customer: ann,
      status: 'ended',
      staff: owner,
      answerAfter: 5,
      duration: 50,
    }); // Fri 23:59
    await call('sat0030', {
      at: '2026-03-27T23:30:00Z',
      customer: ann,
      status: 'ended',
      staff: owner,
      answerAfter: 10,
      duration: 120,
    }); // Sat 00:30
    await call('sat1100', {
      at: '2026-03-28T10:00:00Z',
      customer: bob,
      status: 'ended',
      staff,
      answerAfter: 20,
      duration: 300,
    }); // Sat 11:00
    await call('sat2359', {
      at: '2026-03-28T22:59:00Z',
      customer: ann,
      product: p2,
      status: 'missed',
      reason: 'timeout',
    }); // Sat 23:59
    await call('sun0030', { at: '2026-03-28T23:30:00Z', customer: bob, product: p2, status: 'declined' }); // Sun 00:30 CET
    await call('sun0330', {
      at: '2026-03-29T01:30:00Z',
      customer: ann,
      status: 'failed',
      reason: 'media_failed',
      staff: owner,
      answerAfter: 30,
    }); // Sun 03:30 CEST
    await call('mon0030', { at: '2026-03-29T22:30:00Z', customer: bob, status: 'cancelled' }); // Mon 00:30
    await call('mon1100', { at: '2026-03-30T09:00:00Z', customer: ann, product: p2, status: 'busy' }); // Mon 11:00
    await call('mon1400', {
      at: '2026-03-30T12:00:00Z',
      customer: ann,
      product: null,
      by: 'shop',
      staff,
      status: 'ended',
      answerAfter: 5,
      duration: 60,
    }); // Mon 14:00, placed by staff
    await call('mon1700', {
      at: '2026-03-30T15:00:00Z',
      customer: bob,
      product: p2,
      status: 'missed',
      reason: 'timeout',
    }); // Mon 17:00
    await call('tue2359', {
      at: '2026-03-31T21:59:00Z',
      customer: ann,
      product: p2,
      status: 'missed',
      reason: 'offline',
    }); // Tue 23:59
    await call('afterEnd', {
      at: '2026-03-31T22:00:00Z',
      customer: bob,
      status: 'ended',
      staff,
      answerAfter: 5,
      duration: 40,
    }); // Wed 00:00
    await call('otherShop', {
      at: '2026-03-28T10:00:00Z',
      customer: ann,
      shop: other,
      status: 'ended',
      staff: other.owner,
      answerAfter: 3,
      duration: 900,
    });
    // Autumn: 25 October 2026 has 25 hours in Berlin (CEST → CET at 01:00 UTC).
    await call('oct0030', { at: '2026-10-24T22:30:00Z', customer: ann, status: 'missed', reason: 'timeout' }); // Sun 00:30 CEST
    await call('oct2330', { at: '2026-10-25T22:30:00Z', customer: bob, status: 'missed', reason: 'timeout' }); // Sun 23:30 CET

    await order('2026-03-28T12:00:00Z', ann, 'delivered', [[shop.product, 2]], ids['sat1100']);
    await order('2026-03-30T10:00:00Z', bob, 'placed', [
      [shop.product, 1],
      [p2, 3],
    ]);
    await order('2026-03-31T10:00:00Z', ann, 'cancelled', [[p2, 1]]);
    await order('2026-03-31T22:30:00Z', bob, 'placed', [[shop.product, 1]]); // Wed in Berlin
    await order('2026-03-29T10:00:00Z', bob, 'placed', [[other.product, 4]], null, other);

    await callback('2026-03-28T09:00:00Z', ann, 'called_back', '2026-03-29T23:30:00Z'); // Sat → closed Mon 01:30
    await callback('2026-03-27T23:30:00Z', bob, 'done', '2026-03-30T08:00:00Z'); // Sat 00:30 → closed Mon
    await callback('2026-03-31T10:00:00Z', ann, 'open'); // Tue
    await callback('2026-03-20T10:00:00Z', bob, 'cancelled', '2026-03-29T10:00:00Z'); // withdrawn Sun
    await callback('2026-03-01T10:00:00Z', bob, 'open', null, other);

    // Customers' ratings, where this database records them (call_ratings, another feature's).
    rated = (await db.query(`SELECT to_regclass('call_ratings') IS NOT NULL AS t`)).rows[0].t;
    if (rated)
      for (const [name, customer, stars] of [
        ['sat0030', ann, 4],
        ['sat1100', bob, 5],
        ['mon1400', ann, 2],
        ['afterEnd', bob, 1], // outside the period
      ] as const)
        await db.query(`INSERT INTO call_ratings (call_id, customer_id, stars) VALUES ($1, $2, $3)`, [
          ids[name],
          customer.user.id,
          stars,
        ]);
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  it('counts calls per local day by outcome in Berlin, across the spring DST change', async () => {
    const f = await figures(shop.owner, BERLIN);
    expect(f.period).toEqual({
      from: '2026-03-28',
      to: '2026-03-31',
      timeZone: 'Europe/Berlin',
      days: 4,
      start: '2026-03-27T23:00:00.000Z',
      end: '2026-03-31T22:00:00.000Z',
    });
    const zero = { ended: 0, failed: 0, missed: 0, declined: 0, busy: 0, cancelled: 0, live: 0 };
    expect(f.callsPerDay).toEqual([
      { ...zero, date: '2026-03-28', total: 3, ended: 2, missed: 1 },
      { ...zero, date: '2026-03-29', total: 2, declined: 1, failed: 1 },
      { ...zero, date: '2026-03-30', total: 4, cancelled: 1, busy: 1, ended: 1, missed: 1 },
      { ...zero, date: '2026-03-31', total: 1, missed: 1 },
    ]);
  });

  it('counts the same calls on UTC days when asked in UTC (23:30 UTC is the next day in Berlin)', async () => {
    const f = await figures(shop.owner, 'from=2026-03-28&to=2026-03-31&timeZone=UTC');
    expect(f.period.start).toBe('2026-03-28T00:00:00.000Z');
    expect(f.callsPerDay.map((d) => [d.date, d.total])).toEqual([
      ['2026-03-28', 3], // 10:00, 22:59, 23:30
      ['2026-03-29', 2],
      ['2026-03-30', 3],
      ['2026-03-31', 2], // 21:59 and 22:00
    ]);
    // Saturday 22:59 and 23:30 UTC; in Berlin the second was Sunday 00:30.
    expect([f.busiestHours[5][22], f.busiestHours[5][23], f.busiestHours[6][0]]).toEqual([1, 1, 0]);
  });

  it('gives a DST day its 23 or 25 hours', async () => {
    const spring = await figures(shop.owner, 'from=2026-03-29&to=2026-03-29&timeZone=Europe/Berlin');
    expect([spring.period.start, spring.period.end]).toEqual([
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    ]);
    expect(spring.callsPerDay).toEqual([expect.objectContaining({ date: '2026-03-29', total: 2 })]);
    const autumn = await figures(shop.owner, 'from=2026-10-24&to=2026-10-26&timeZone=Europe/Berlin');
    expect([autumn.period.start, autumn.period.end]).toEqual([
      '2026-10-23T22:00:00.000Z',
      '2026-10-26T23:00:00.000Z',
    ]);
    expect(autumn.callsPerDay.map((d) => [d.date, d.total])).toEqual([
      ['2026-10-24', 0],
      ['2026-10-25', 2], // 00:30 CEST and 23:30 CET
      ['2026-10-26', 0],
    ]);
    expect(autumn.busiestHours[6][0]).toBe(1);
    expect(autumn.busiestHours[6][23]).toBe(1);
  });

  it('measures answering: rate, median and 90th percentile of the time to answer', async () => {
    const f = await figures(shop.owner, BERLIN);
    // 9 incoming calls (the staff's outgoing one is not), 3 answered after 10, 20 and 30 s.
    expect(f.answerRate).toEqual({ incoming: 9, answered: 3, rate: 1 / 3 });
    expect(f.timeToAnswer.answered).toBe(3);
    expect(f.timeToAnswer.medianSeconds).toBeCloseTo(20, 6);
    expect(f.timeToAnswer.p90Seconds).toBeCloseTo(28, 6); // 20 + 0.8 × (30 − 20)
  });

  it('lists the missed calls by reason, most frequent first', async () => {
    const f = await figures(shop.owner, BERLIN);
    expect(f.missedByReason).toEqual([
      { reason: 'timeout', count: 2 },
      { reason: 'busy', count: 1 },
      { reason: 'cancelled', count: 1 },
      { reason: 'declined', count: 1 },
      { reason: 'offline', count: 1 },
    ]);
  });

  it('places incoming calls on the local weekday and hour', async () => {
    const f = await figures(shop.owner, BERLIN);
    expect(f.busiestHours).toHaveLength(7);
    const cells = f.busiestHours.flatMap((row, d) => row.map((n, h) => [d, h, n])).filter(([, , n]) => n > 0);
    // Monday is row 0: Sat 00:30, 11:00, 23:59; Sun 00:30, 03:30; Mon 00:30, 11:00, 17:00; Tue 23:59.
    expect(cells).toEqual([
      [0, 0, 1],
      [0, 11, 1],
      [0, 17, 1],
      [1, 23, 1],
      [5, 0, 1],
      [5, 11, 1],
      [5, 23, 1],
      [6, 0, 1],
      [6, 3, 1],
    ]);
  });

  it('gives calls, orders, assisted orders and revenue per product (cancelled orders left out)', async () => {
    const f = await figures(shop.owner, BERLIN);
    expect(f.products).toEqual([
      {
        productId: p2.id,
        name: 'Ear pads',
        calls: 5,
        orders: 1,
        assistedOrders: 0,
        revenue: 15000,
        assistedRevenue: 0,
        currency: 'USD',
      },
      {
        productId: shop.product.id,
        name: 'Studio headphones',
        calls: 4,
        orders: 2,
        assistedOrders: 1,
        revenue: 2 * 12999 + 12999,
        assistedRevenue: 2 * 12999,
        currency: 'USD',
      },
    ]);
    expect(f.notes.join(' ')).not.toMatch(/assisted/);
  });

  it('gives each staff member their calls taken and placed, average talk time and rating', async () => {
    const f = await figures(shop.owner, BERLIN);
    expect(f.staff).toEqual([
      {
        staffId: shop.owner.user.id,
        name: shop.owner.user.name,
        callsTaken: 2,
        callsPlaced: 0,
        averageTalkSeconds: 120, // the failed call never connected
        averageRating: rated ? 4 : null,
      },
      {
        staffId: staff.user.id,
        name: staff.user.name,
        callsTaken: 1,
        callsPlaced: 1,
        averageTalkSeconds: 180,
        averageRating: rated ? 3.5 : null, // 5 and 2; the 1 was after the period
      },
      {
        staffId: idle.user.id,
        name: idle.user.name,
        callsTaken: 0,
        callsPlaced: 0,
        averageTalkSeconds: null,
        averageRating: null,
      },
    ]);
    if (rated) expect(f.notes.join(' ')).not.toMatch(/rated/);
    else expect(f.notes).toContain('Calls are not rated here: staff ratings are empty.');
  });

  it('counts callback requests opened, closed and withdrawn on their local days', async () => {
    const f = await figures(shop.owner, BERLIN);
    expect(f.callbacks).toEqual({
      opened: 3,
      closed: 2,
      cancelled: 1,
      openNow: 1,
      perDay: [
        { date: '2026-03-28', opened: 2, closed: 0 },
        { date: '2026-03-29', opened: 0, closed: 0 },
        { date: '2026-03-30', opened: 0, closed: 2 },
        { date: '2026-03-31', opened: 1, closed: 0 },
      ],
    });
  });

  it("gives a shop's staff its figures, another shop only its own, and refuses customers and anonymous", async () => {
    const asStaff = await figures(staff, BERLIN);
    expect(asStaff.answerRate.incoming).toBe(9);
    const theirs = await figures(other.owner, BERLIN);
    expect(theirs.callsPerDay.map((d) => d.total)).toEqual([1, 0, 0, 0]);
    expect(theirs.answerRate).toEqual({ incoming: 1, answered: 1, rate: 1 });
    expect(theirs.products).toEqual([
      expect.objectContaining({
        productId: other.product.id,
        calls: 1,
        orders: 1,
        revenue: 4 * other.product.price,
      }),
    ]);
    expect(theirs.staff.map((s) => s.staffId)).toEqual([other.owner.user.id]);
    expect(theirs.callbacks).toMatchObject({ opened: 0, closed: 0, cancelled: 0, openNow: 1 });
    expect(JSON.stringify(theirs)).not.toContain(shop.product.id);
    await figures(ann, BERLIN, 403);
    await figures(null, BERLIN, 401);
  });

  it('defaults to the last 30 days up to today in UTC', async () => {
    const f = await figures(shop.owner, '');
    expect(f.period.timeZone).toBe('UTC');
    expect(f.period.days).toBe(30);
    expect(f.period.to).toBe(new Date().toISOString().slice(0, 10));
    expect(f.callsPerDay).toHaveLength(30);
  });

  it('refuses a bad period or zone with a 400 naming the problem', async () => {
    const cases: [string, RegExp][] = [
      ['timeZone=Mars/Olympus', /timeZone/],
      ['timeZone=', /timeZone/],
      ['from=yesterday', /from must be a calendar day/],
      ['to=2026-13-01', /to must be a calendar day/],
      ['from=2026-02-30&to=2026-03-10', /from: 2026-02-30 is not a day/],
      ['from=2026-03-10&to=2026-03-01', /must not be after/],
      ['from=2025-01-01&to=2026-03-01', /at most 366/],
      ['shopId=' + other.shopId, /shopId/],
    ];
    for (const [query, message] of cases) {
      const body = await figures(shop.owner, query, 400);
      expect(JSON.stringify(body.message)).toMatch(message);
    }
    // A full leap year fits.
    expect((await figures(shop.owner, 'from=2028-01-01&to=2028-12-31')).period.days).toBe(366);
  });
});
