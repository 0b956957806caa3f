import { Client } from 'pg';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import { createShop, customerCalls, type TestShop } from './support/call-clients';

/** An RFC 4180 reader (quoted fields, doubled quotes, CRLF), to read back what a spreadsheet would. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i += 2;
      continue;
    }
    if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
    i++;
  }
  if (field || row.length) throw new Error(`the CSV does not end with CRLF: ${JSON.stringify(field)}`);
  return rows;
}

/** The download as its raw text (BOM included) and as records keyed by the header. */
async function download(env: TestEnvironment, user: TestUser, path: string, expected = 200) {
  const res = await env
    .http()
    .get(`/api/v2/exports/${path}`)
    .set('Authorization', user.auth)
    .buffer(true)
    .parse((r, cb) => {
      let data = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (data += c));
      r.on('end', () => cb(null, data));
    })
    .expect(expected);
  const text = res.body as string;
  if (expected !== 200) return { res, text, rows: [] as Record<string, string>[] };
  const [header, ...records] = parseCsv(text.replace(/^\uFEFF/, ''));
  return {
    res,
    text,
    header,
    rows: records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))),
  };
}

/**
 * CSV exports of a shop's calls and callback requests (real API, PostgreSQL): escaping a
 * spreadsheet would otherwise execute, the history's filters, and nobody else's records.
 */
describe('CSV exports (real API, PostgreSQL)', () => {
  let env: TestEnvironment;
  let shop: TestShop;
  let other: TestShop;
  let formula: TestUser;
  let zoe: TestUser;
  const ids: Record<string, string> = {};
  const NOTE = 'Line one\r\nhe said "hi", then =1+1\nthird line';

  beforeAll(async () => {
    env = await createTestEnvironment({
      label: 'exports',
      env: { CUSTOMER_CALLS_PER_MINUTE: '100', SHOP_RINGS_PER_CUSTOMER_PER_MINUTE: '100' },
    });
    shop = await createShop(env, 'Headphones, "Pro" 東京');
    other = await createShop(env, 'Garden hose');
    formula = await env.registerCustomer({ name: '=HYPERLINK("http://evil.example","click")' });
    zoe = await env.registerCustomer({ name: '@Zoë — 東京 🎧' });
    // Nobody of the shops is online: each call is missed at once (status missed, offline).
    ids.formulaCall = (await customerCalls(env, formula, shop)).id;
    ids.zoeCall = (await customerCalls(env, zoe, shop)).id;
    ids.otherShopCall = (await customerCalls(env, formula, other)).id;
    const outgoing = await env
      .http()
      .post('/api/v2/video-call/initiate')
      .set('Authorization', shop.owner.auth)
      .send({ customerId: formula.user.id })
      .expect(201);
    ids.outgoingCall = outgoing.body.id;
    // Zoë's call was long ago (the period filters).
    const db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    await db.query(`UPDATE calls SET created_at = '2026-01-10T10:00:00Z' WHERE id = $1`, [ids.zoeCall]);
    await db.end();

    const cb = await env
      .http()
      .post('/api/v2/callbacks')
      .set('Authorization', formula.auth)
      .send({ sellerId: shop.shopId, note: NOTE, phoneNumber: '+1 555 010 2030' })
      .expect(201);
    ids.formulaCallback = cb.body.id;
    const cb2 = await env
      .http()
      .post('/api/v2/callbacks')
      .set('Authorization', zoe.auth)
      .send({ sellerId: shop.shopId, productId: shop.product.id, phoneNumber: '+44 20 7946 0000' })
      .expect(201);
    ids.zoeCallback = cb2.body.id;
    await env
      .http()
      .patch(`/api/v2/callbacks/${ids.zoeCallback}`)
      .set('Authorization', shop.owner.auth)
      .send({ status: 'done' })
      .expect(200);
  });
  afterAll(() => env.close());

  it("exports the shop's calls: a BOM, CRLF, RFC 4180 quoting, formulas neutralised, unicode intact", async () => {
    const { res, text, header, rows } = await download(env, shop.owner, 'calls.csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="calls-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(text.startsWith('\uFEFFid,created_at,direction,')).toBe(true);
    expect(header).toContain('duration_seconds');
    expect(rows.map((r) => r['id']).sort()).toEqual([ids.formulaCall, ids.zoeCall, ids.outgoingCall].sort());
    const byId = new Map(rows.map((r) => [r['id'], r]));
    expect(byId.get(ids.formulaCall)).toMatchObject({
      direction: 'incoming',
      status: 'missed',
      end_reason: 'offline',
      customer: `'=HYPERLINK("http://evil.example","click")`,
      product: 'Headphones, "Pro" 東京',
      product_price: '129.99',
      currency: 'USD',
      staff: '',
    });
    // Raw: the formula is quoted (it holds quotes and a comma) and starts with the apostrophe.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(byId.get(ids.zoeCall)).toMatchObject({
      customer: "'@Zoë — 東京 🎧",
      created_at: '2026-01-10T10:00:00.000Z',
    });
    expect(byId.get(ids.outgoingCall)).toMatchObject({ direction: 'outgoing', staff: shop.owner.user.name });
    // Newest first, as the history lists them.
    expect(rows.at(-1)?.['id']).toBe(ids.zoeCall);
  });

  it('applies the history filters: direction, status and period', async () => {
    const only = async (query: string) =>
      (await download(env, shop.owner, `calls.csv?${query}`)).rows.map((r) => r['id']);
    expect(await only('direction=outgoing')).toEqual([ids.outgoingCall]);
    expect((await only('direction=incoming')).sort()).toEqual([ids.formulaCall, ids.zoeCall].sort());
    expect(await only('status=ended')).toEqual([]);
    expect(await only('status=missed')).toHaveLength(3);
    expect(await only('to=2026-06-01T00:00:00Z')).toEqual([ids.zoeCall]);
    expect((await only('from=2026-06-01T00:00:00Z')).sort()).toEqual(
      [ids.formulaCall, ids.outgoingCall].sort(),
    );
    expect(await only('from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&direction=incoming')).toEqual([
      ids.zoeCall,
    ]);
  });

  it('refuses bad filters with a 400 naming them, and paging (an export is every row)', async () => {
    for (const [query, word] of [
      ['status=bogus', 'status'],
      ['direction=sideways', 'direction'],
      ['from=yesterday', 'from'],
      ['page=2', 'page'],
    ]) {
      const { res } = await download(env, shop.owner, `calls.csv?${query}`, 400);
      expect(JSON.parse(res.text ?? (res.body as string)).message).toEqual(expect.stringContaining(word));
    }
    await download(env, shop.owner, 'callbacks.csv?status=closed', 400);
  });

  it("gives a shop's staff their shop's records, and another shop's seller nothing of this shop", async () => {
    const staff = await shop.addStaff();
    expect((await download(env, staff, 'calls.csv')).rows).toHaveLength(3);
    const theirs = await download(env, other.owner, 'calls.csv');
    expect(theirs.rows.map((r) => r['id'])).toEqual([ids.otherShopCall]);
    for (const id of [ids.formulaCall, ids.zoeCall, ids.outgoingCall, ids.formulaCallback, ids.zoeCallback]) {
      expect(theirs.text).not.toContain(id);
    }
    const theirCallbacks = await download(env, other.owner, 'callbacks.csv');
    expect(theirCallbacks.rows).toEqual([]);
    expect(theirCallbacks.text).not.toContain('Line one');
  });

  it('refuses customers (403) and anonymous requests (401)', async () => {
    await download(env, formula, 'calls.csv', 403);
    await download(env, formula, 'callbacks.csv', 403);
    await env.http().get('/api/v2/exports/calls.csv').expect(401);
  });

  it("exports the shop's callback requests with notes' quotes and line breaks intact, and the status filter", async () => {
    const { rows, text } = await download(env, shop.owner, 'callbacks.csv');
    expect(text.startsWith('\uFEFFid,created_at,status,preference,customer,phone_number,')).toBe(true);
    const byId = new Map(rows.map((r) => [r['id'], r]));
    expect(byId.get(ids.formulaCallback)).toMatchObject({
      status: 'open',
      customer: `'=HYPERLINK("http://evil.example","click")`,
      phone_number: "'+1 555 010 2030",
      note: NOTE,
      handled_by: '',
    });
    expect(byId.get(ids.zoeCallback)).toMatchObject({
      status: 'done',
      product: 'Headphones, "Pro" 東京',
      handled_by: shop.owner.user.name,
    });
    const done = await download(env, shop.owner, 'callbacks.csv?status=done');
    expect(done.rows.map((r) => r['id'])).toEqual([ids.zoeCallback]);
  });
});
