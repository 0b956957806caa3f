import { Client } from 'pg';
import type { CallNoteDto, CustomerTimeline } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import { createShop, type TestShop } from './support/call-clients';

/**
 * A customer's timeline with a shop and the shop's private notes on calls (real API,
 * PostgreSQL): everything in one list, newest first; notes and tags only for the shop's staff;
 * nothing of another shop; bad input refused.
 */
describe('Customer timeline and call notes (real API, PostgreSQL)', () => {
  let env: TestEnvironment;
  let db: Client;
  let shop: TestShop;
  let other: TestShop;
  let staff: TestUser;
  let ann: TestUser;
  let bob: TestUser;
  let zed: TestUser;
  const ids: Record<string, string> = {};
  const NOTE = 'Wants the black model; call back after payday';

  const insertCall = async (name: string, at: string, customer: TestUser, s: TestShop, by = 'customer') => {
    const { rows } = await db.query(
      `INSERT INTO calls (customer_id, shop_id, staff_id, product_id, product_name, type, initiated_by, status,
                          end_reason, answered_at, connected_at, ended_at, duration_seconds, created_at)
       VALUES ($1, $2, $3, $4, $5, 'video', $6, 'ended', 'hangup', $7::timestamptz + interval '5 s',
               $7::timestamptz + interval '6 s', $7::timestamptz + interval '100 s', 94, $7) RETURNING id`,
      [customer.user.id, s.shopId, s.owner.user.id, s.product.id, s.product.name, by, at],
    );
    ids[name] = rows[0].id;
  };

  const timeline = (user: TestUser | null, customerId: string, expected: number) => {
    const req = env.http().get(`/api/v2/customers/${customerId}/timeline`);
    if (user) req.set('Authorization', user.auth);
    return req.expect(expected);
  };
  const note = (user: TestUser | null, callId: string, body: unknown, expected: number) => {
    const req = env.http().post(`/api/v2/calls/${callId}/notes`);
    if (user) req.set('Authorization', user.auth);
    return req.send(body as object).expect(expected);
  };

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'timeline' });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    shop = await createShop(env, 'Studio headphones');
    other = await createShop(env, 'Garden hose');
    staff = await shop.addStaff();
    ann = await env.registerCustomer({ name: 'Ann' });
    bob = await env.registerCustomer({ name: 'Bob' });
    zed = await env.registerCustomer({ name: 'Zed' });

    await insertCall('first', '2026-03-01T10:00:00Z', ann, shop);
    await insertCall('second', '2026-03-03T10:00:00Z', ann, shop, 'shop');
    await insertCall('annOther', '2026-03-02T10:00:00Z', ann, other);
    await insertCall('bobOther', '2026-03-02T11:00:00Z', bob, other);
    const cb = await db.query(
      `INSERT INTO callback_requests (customer_id, shop_id, product_id, product_name, preference, status, note,
                                      handled_at, created_at)
       VALUES ($1, $2, $3, $4, 'phone', 'called_back', 'Evenings please', '2026-03-03T10:05:00Z',
               '2026-03-02T18:00:00Z') RETURNING id`,
      [ann.user.id, shop.shopId, shop.product.id, shop.product.name],
    );
    ids['callback'] = cb.rows[0].id;
    const order = await db.query(
      `INSERT INTO orders (customer_id, shop_id, status, currency, total, shipping_address, payment_method,
                           payment_status, assisted_by_call_id, created_at)
       VALUES ($1, $2, 'placed', 'USD', 25998, '{}'::jsonb, 'cash_on_delivery', 'due', $3, '2026-03-03T12:00:00Z')
       RETURNING id`,
      [ann.user.id, shop.shopId, ids['second']],
    );
    ids['order'] = order.rows[0].id;
    await db.query(
      `INSERT INTO order_items (order_id, product_id, name, price, currency, quantity) VALUES ($1, $2, $3, 12999, 'USD', 2)`,
      [ids['order'], shop.product.id, shop.product.name],
    );
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  it("lets the shop's staff note a call with tags (trimmed, duplicates dropped)", async () => {
    const res = await note(
      staff,
      ids['second'],
      { body: `  ${NOTE}  `, tags: ['vip', 'follow-up', 'vip'] },
      201,
    );
    const created = res.body as CallNoteDto;
    expect(created).toMatchObject({
      callId: ids['second'],
      body: NOTE,
      tags: ['vip', 'follow-up'],
      author: { id: staff.user.id, name: staff.user.name },
    });
    await note(shop.owner, ids['second'], { body: 'Second note' }, 201);
  });

  it('gives every call, callback request and order with the customer in one list, newest first', async () => {
    const res = await timeline(shop.owner, ann.user.id, 200);
    const t = res.body as CustomerTimeline;
    expect(t.customer).toEqual({ id: ann.user.id, name: 'Ann' });
    expect(t.items.map((i) => [i.kind, i.at])).toEqual([
      ['order', '2026-03-03T12:00:00.000Z'],
      ['call', '2026-03-03T10:00:00.000Z'],
      ['callback', '2026-03-02T18:00:00.000Z'],
      ['call', '2026-03-01T10:00:00.000Z'],
    ]);
    const [order, second, callback, first] = t.items;
    expect(order).toMatchObject({
      order: {
        id: ids['order'],
        status: 'placed',
        total: 25998,
        currency: 'USD',
        items: 2,
        assistedByCallId: ids['second'],
      },
    });
    expect(second).toMatchObject({
      call: {
        id: ids['second'],
        direction: 'outgoing',
        status: 'ended',
        staff: { id: shop.owner.user.id },
        product: { id: shop.product.id, name: 'Studio headphones' },
        durationSeconds: 94,
      },
    });
    expect(second.kind === 'call' && second.notes.map((n) => [n.body, n.tags])).toEqual([
      [NOTE, ['vip', 'follow-up']],
      ['Second note', []],
    ]);
    expect(callback).toMatchObject({
      callback: {
        id: ids['callback'],
        status: 'called_back',
        note: 'Evenings please',
        handledAt: '2026-03-03T10:05:00.000Z',
      },
    });
    expect(first).toMatchObject({ call: { id: ids['first'], direction: 'incoming' }, notes: [] });
    // Nothing of the other shop.
    expect(JSON.stringify(t)).not.toContain(ids['annOther']);
  });

  it('keeps notes from customers and other shops, and timelines to the shop the customer contacted', async () => {
    // The customer's own history never carries the shop's notes.
    const mine = await env.http().get('/api/v2/calls').set('Authorization', ann.auth).expect(200);
    expect(JSON.stringify(mine.body)).toContain(ids['second']);
    expect(JSON.stringify(mine.body)).not.toContain('payday');
    expect(JSON.stringify(mine.body)).not.toContain('follow-up');
    await timeline(ann, ann.user.id, 403);
    await note(ann, ids['second'], { body: 'mine' }, 403);
    await timeline(null, ann.user.id, 401);
    await note(null, ids['second'], { body: 'anon' }, 401);

    // Another shop: Ann contacted it too, but its timeline holds only its own records.
    const theirs = (await timeline(other.owner, ann.user.id, 200)).body as CustomerTimeline;
    expect(theirs.items.map((i) => i.kind === 'call' && i.call.id)).toEqual([ids['annOther']]);
    expect(JSON.stringify(theirs)).not.toContain('payday');
    await note(other.owner, ids['second'], { body: 'not our call' }, 404);
    // Bob and Zed never contacted this shop.
    await timeline(shop.owner, bob.user.id, 404);
    await timeline(shop.owner, zed.user.id, 404);
    await timeline(shop.owner, staff.user.id, 404);
    const notes = await db.query(`SELECT count(*)::int AS n FROM call_notes`);
    expect(notes.rows[0].n).toBe(2);
  });

  it('refuses bad input with a 400 naming it, and writes nothing', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /body/],
      [{ body: '   ' }, /body must be 1-2000/],
      [{ body: 'x'.repeat(2001) }, /body must be 1-2000/],
      [{ body: 'ok', tags: 'vip' }, /tags must be a list/],
      [{ body: 'ok', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, /at most 10/],
      [{ body: 'ok', tags: ['<script>'] }, /each tag/],
      [{ body: 'ok', tags: ['x'.repeat(33)] }, /each tag/],
      [{ body: 'ok', private: false }, /private/],
    ];
    for (const [body, message] of cases) {
      const res = await note(shop.owner, ids['first'], body, 400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
    }
    await note(shop.owner, 'not-a-uuid', { body: 'ok' }, 400);
    await timeline(shop.owner, 'not-a-uuid', 400);
    const notes = await db.query(`SELECT count(*)::int AS n FROM call_notes`);
    expect(notes.rows[0].n).toBe(2);
  });
});
