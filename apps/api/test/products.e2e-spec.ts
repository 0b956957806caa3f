import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';

describe('products and shops (real API, real PostgreSQL)', () => {
  let env: TestEnvironment;
  let sellerA: TestUser;
  let sellerB: TestUser;
  let customer: TestUser;

  const create = (seller: TestUser, body: Record<string, unknown>) =>
    env.http().post('/api/v2/products').set('Authorization', seller.auth).send(body);

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'products' });
    sellerA = await env.registerSeller({ shopName: 'Alpha Audio' });
    sellerB = await env.registerSeller({ shopName: 'Beta Botanics' });
    customer = await env.registerCustomer();
  });
  afterAll(() => env.close());

  it('lets a seller create a product in their own shop, visible to anyone', async () => {
    const res = await create(sellerA, {
      name: 'Reference Headphones',
      description: 'Open-back, flat response',
      price: 19900,
      currency: 'eur',
      stock: 3,
      category: 'Audio',
      images: ['https://img.example/h.jpg'],
    }).expect(201);
    expect(res.body).toMatchObject({
      name: 'Reference Headphones',
      price: 19900,
      currency: 'EUR',
      shop: { id: sellerA.user.shopId, name: 'Alpha Audio', isPlatform: false },
    });
    const anon = await env.http().get(`/api/v2/products/${res.body.id}`).expect(200);
    expect(anon.body.id).toBe(res.body.id);
  });

  it('ignores a shopId in the body: the shop is always the seller’s own (unknown field refused)', async () => {
    const res = await create(sellerA, {
      name: 'X',
      description: '',
      price: 1,
      stock: 1,
      shopId: sellerB.user.shopId,
    }).expect(400);
    expect(res.body.details[0].field).toBe('shopId');
  });

  it('refuses anonymous users (401) and customers (403) creating products', async () => {
    await env
      .http()
      .post('/api/v2/products')
      .send({ name: 'X', description: '', price: 1, stock: 1 })
      .expect(401);
    const res = await create(customer, { name: 'X', description: '', price: 1, stock: 1 }).expect(403);
    expect(res.body.message).toMatch(/seller/);
  });

  it('refuses seller B changing or deleting seller A’s product with 403, and changes nothing', async () => {
    const product = (
      await create(sellerA, { name: 'Guarded', description: 'd', price: 500, stock: 1 }).expect(201)
    ).body;
    const patch = await env
      .http()
      .patch(`/api/v2/products/${product.id}`)
      .set('Authorization', sellerB.auth)
      .send({ price: 1 })
      .expect(403);
    expect(patch.body.message).toMatch(/your own shop/);
    await env.http().delete(`/api/v2/products/${product.id}`).set('Authorization', sellerB.auth).expect(403);
    const after = await env.http().get(`/api/v2/products/${product.id}`).expect(200);
    expect(after.body.price).toBe(500);
  });

  it('lets the owner update and delete; a deleted product is 404', async () => {
    const product = (
      await create(sellerA, { name: 'Temp', description: 'd', price: 100, stock: 1 }).expect(201)
    ).body;
    const updated = await env
      .http()
      .patch(`/api/v2/products/${product.id}`)
      .set('Authorization', sellerA.auth)
      .send({ price: 250, stock: 0 })
      .expect(200);
    expect(updated.body).toMatchObject({ price: 250, stock: 0, name: 'Temp' });
    await env.http().delete(`/api/v2/products/${product.id}`).set('Authorization', sellerA.auth).expect(204);
    await env.http().get(`/api/v2/products/${product.id}`).expect(404);
    await env.http().delete(`/api/v2/products/${product.id}`).set('Authorization', sellerA.auth).expect(404);
  });

  it.each([
    [{ name: 'X', description: '', price: 12.5, stock: 1 }, 'price'],
    [{ name: 'X', description: '', price: -1, stock: 1 }, 'price'],
    [{ name: 'X', description: '', price: '100', stock: 1 }, 'price'],
    [{ name: '', description: '', price: 1, stock: 1 }, 'name'],
    [{ name: 'X', description: '', price: 1, stock: -2 }, 'stock'],
    [{ name: 'X', description: '', price: 1, stock: 1, currency: 'EURO' }, 'currency'],
    [{ name: 'X', description: '', price: 1, stock: 1, images: ['javascript:alert(1)'] }, 'images'],
    [{ description: '', price: 1, stock: 1 }, 'name'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const res = await create(sellerA, body).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const bad = await env.http().get('/api/v2/products/not-a-uuid').expect(400);
    expect(bad.body.message).toBe('id must be a UUID');
    await env.http().get('/api/v2/products/00000000-0000-4000-8000-000000000000').expect(404);
    await env.http().get('/api/v2/shops/nope').expect(400);
  });

  describe('search, filters and pagination', () => {
    let shop: TestUser;
    beforeAll(async () => {
      shop = await env.registerSeller({ shopName: 'Gamma Garden' });
      for (let i = 1; i <= 7; i++) {
        await create(shop, {
          name: `Terracotta Pot ${i}`,
          description: i % 2 ? 'glazed finish' : 'raw clay',
          price: 1000 + i,
          stock: i,
          category: i <= 4 ? 'Planters' : 'Decor',
        }).expect(201);
      }
    });

    it('pages through a shop’s products newest first without overlap', async () => {
      const first = await env
        .http()
        .get(`/api/v2/products?shopId=${shop.user.shopId}&limit=3&page=1`)
        .expect(200);
      const third = await env
        .http()
        .get(`/api/v2/products?shopId=${shop.user.shopId}&limit=3&page=3`)
        .expect(200);
      expect(first.body).toMatchObject({ total: 7, page: 1, limit: 3 });
      expect(first.body.items.map((p: { name: string }) => p.name)).toEqual([
        'Terracotta Pot 7',
        'Terracotta Pot 6',
        'Terracotta Pot 5',
      ]);
      expect(third.body.items.map((p: { name: string }) => p.name)).toEqual(['Terracotta Pot 1']);
    });

    it('finds products by every word, case-insensitively, and filters by category', async () => {
      const res = await env.http().get('/api/v2/products?search=TERRACOTTA%20glazed').expect(200);
      expect(res.body.total).toBe(4);
      const cat = await env
        .http()
        .get(`/api/v2/products?category=decor&shopId=${shop.user.shopId}`)
        .expect(200);
      expect(cat.body.total).toBe(3);
      const none = await env.http().get('/api/v2/products?search=%25').expect(200);
      expect(none.body.total).toBe(0);
      const cats = await env.http().get('/api/v2/products/categories').expect(200);
      expect(cats.body).toEqual(expect.arrayContaining(['Decor', 'Planters']));
    });

    it.each([
      ['page=0', 'page'],
      ['limit=1000', 'limit'],
      ['page=abc', 'page'],
      ['shopId=123', 'shopId'],
      ['unknown=1', 'unknown'],
    ])('answers 400 for ?%s', async (query, field) => {
      const res = await env.http().get(`/api/v2/products?${query}`).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });
  });

  it('shows shops, with their phone number only to authenticated users', async () => {
    const anon = await env.http().get(`/api/v2/shops/${sellerA.user.shopId}`).expect(200);
    expect(anon.body).not.toHaveProperty('phoneNumber');
    const authed = await env
      .http()
      .get(`/api/v2/shops/${sellerA.user.shopId}`)
      .set('Authorization', customer.auth)
      .expect(200);
    expect(authed.body.phoneNumber).toBe('+1 555 000 1111');
    const list = await env.http().get('/api/v2/shops').expect(200);
    expect(list.body.map((s: { name: string }) => s.name)).toEqual(
      expect.arrayContaining(['Alpha Audio', 'Beta Botanics']),
    );
  });
});

describe('migrations from an empty database', () => {
  it('create every table and record each migration once', async () => {
    const env = await createTestEnvironment({ label: 'migrations' });
    try {
      const { DataSource } = await import('typeorm');
      const ds = env.app.get(DataSource);
      const tables: { table_name: string }[] = await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining(['migrations', 'products', 'shops', 'users']),
      );
      const ran: { name: string }[] = await ds.query('SELECT name FROM migrations');
      expect(new Set(ran.map((r) => r.name)).size).toBe(ran.length);
      expect(await ds.showMigrations()).toBe(false);
    } finally {
      await env.close();
    }
  });
});
