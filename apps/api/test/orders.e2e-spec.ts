import { DataSource } from 'typeorm';
import type { CallDto, CartDto, CheckoutResponse, OrderDto, ProductDto } from '@callshop/contracts';
import { acceptedCall, closeClientsAfterEach, createShop } from './support/call-clients';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';

const ADDRESS = {
  name: 'Jordan Buyer',
  line1: '12 Harbour Street',
  city: 'Springfield',
  postalCode: '12345',
  country: 'us',
  phone: '+1 555 010 2030',
};
const CHECKOUT = { shippingAddress: ADDRESS, paymentMethod: 'cash_on_delivery' };

describe('cart, checkout and orders (real API, real PostgreSQL)', () => {
  let env: TestEnvironment;
  let sellerA: TestUser;
  let sellerB: TestUser;

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'orders' });
    [sellerA, sellerB] = await Promise.all([
      env.registerSeller({ shopName: 'Alpha Audio' }),
      env.registerSeller({ shopName: 'Beta Botanics' }),
    ]);
  });
  afterAll(() => env.close());

  const product = async (seller: TestUser, name: string, stock: number, price = 1000): Promise<ProductDto> =>
    (
      await env
        .http()
        .post('/api/v2/products')
        .set('Authorization', seller.auth)
        .send({ name, description: 'd', price, stock, images: ['/assets/demo/p.svg'] })
        .expect(201)
    ).body;
  const stockOf = async (id: string): Promise<number> =>
    (await env.http().get(`/api/v2/products/${id}`).expect(200)).body.stock;
  const add = (user: TestUser, productId: string, quantity?: number) =>
    env
      .http()
      .post('/api/v2/cart/items')
      .set('Authorization', user.auth)
      .send(quantity === undefined ? { productId } : { productId, quantity });
  const cart = async (user: TestUser): Promise<CartDto> =>
    (await env.http().get('/api/v2/cart').set('Authorization', user.auth).expect(200)).body;
  const checkout = (user: TestUser, body: object = CHECKOUT) =>
    env.http().post('/api/v2/orders').set('Authorization', user.auth).send(body);
  const setStatus = (user: TestUser, id: string, status: string) =>
    env.http().patch(`/api/v2/orders/${id}/status`).set('Authorization', user.auth).send({ status });
  const order = async (user: TestUser, id: string): Promise<OrderDto> =>
    (await env.http().get(`/api/v2/orders/${id}`).set('Authorization', user.auth).expect(200)).body;
  /** A customer who bought one unit of a fresh product of shop A; returns the order. */
  const placedOrder = async (
    stock = 5,
  ): Promise<{ customer: TestUser; order: OrderDto; product: ProductDto }> => {
    const customer = await env.registerCustomer();
    const p = await product(sellerA, `Cable ${Math.random().toString(36).slice(2, 7)}`, stock);
    await add(customer, p.id).expect(200);
    const res = await checkout(customer).expect(201);
    return { customer, order: (res.body as CheckoutResponse).orders[0], product: p };
  };

  describe('the cart', () => {
    let customer: TestUser;
    let headphones: ProductDto;
    beforeAll(async () => {
      customer = await env.registerCustomer();
      headphones = await product(sellerA, 'Studio Headphones', 3, 12999);
    });

    it('adds units up to the stock and refuses more with a 409 naming the product, changing nothing', async () => {
      const first = await add(customer, headphones.id).expect(200);
      expect(first.body).toMatchObject({
        count: 1,
        items: [
          { productId: headphones.id, name: 'Studio Headphones', quantity: 1, stock: 3, available: true },
        ],
        totals: [{ amount: 12999, currency: 'USD' }],
      });
      await add(customer, headphones.id, 2).expect(200);
      const over = await add(customer, headphones.id).expect(409);
      expect(over.body.message).toBe('Only 3 of "Studio Headphones" left in stock');
      expect((await cart(customer)).items[0].quantity).toBe(3);
    });

    it('sets a quantity within the stock, refuses one over it, and removes a line', async () => {
      const set = (quantity: unknown) =>
        env
          .http()
          .put(`/api/v2/cart/items/${headphones.id}`)
          .set('Authorization', customer.auth)
          .send({ quantity });
      expect((await set(2).expect(200)).body.count).toBe(2);
      expect((await set(4).expect(409)).body.message).toContain('"Studio Headphones"');
      for (const bad of [0, -1, 1.5, '2', 100]) {
        const res = await set(bad).expect(400);
        expect(res.body.details[0].field).toBe('quantity');
      }
      await env
        .http()
        .delete(`/api/v2/cart/items/${headphones.id}`)
        .set('Authorization', customer.auth)
        .expect(200);
      expect((await cart(customer)).items).toEqual([]);
      await set(1).expect(404);
    });

    it('refuses unknown, removed and sold-out products, and malformed ids', async () => {
      await add(customer, '00000000-0000-4000-8000-000000000000').expect(404);
      const removed = await product(sellerA, 'Discontinued Mic', 5);
      await env
        .http()
        .delete(`/api/v2/products/${removed.id}`)
        .set('Authorization', sellerA.auth)
        .expect(204);
      expect((await add(customer, removed.id).expect(404)).body.message).toContain(removed.id);
      const soldOut = await product(sellerA, 'Rare Vinyl', 0);
      expect((await add(customer, soldOut.id).expect(409)).body.message).toBe('"Rare Vinyl" is sold out');
      const bad = await add(customer, 'nope').expect(400);
      expect(bad.body.details[0].field).toBe('productId');
      expect((await cart(customer)).items).toEqual([]);
    });

    it('belongs to customers only: 401 without a token, 403 for a seller', async () => {
      await env.http().get('/api/v2/cart').expect(401);
      await env.http().post('/api/v2/cart/items').send({ productId: headphones.id }).expect(401);
      const res = await add(sellerA, headphones.id).expect(403);
      expect(res.body.message).toMatch(/customer/);
      await checkout(sellerA).expect(403);
    });

    it('shows a product removed after it was added as unavailable, and checkout refuses it by name', async () => {
      const c = await env.registerCustomer();
      const lamp = await product(sellerA, 'Desk Lamp', 4);
      await add(c, lamp.id).expect(200);
      await env.http().delete(`/api/v2/products/${lamp.id}`).set('Authorization', sellerA.auth).expect(204);
      const now = await cart(c);
      expect(now.items[0]).toMatchObject({ name: 'Desk Lamp', available: false });
      expect(now.count).toBe(0);
      expect((await checkout(c).expect(409)).body.message).toContain('"Desk Lamp" is no longer sold');
    });
  });

  describe('the guest cart merged at sign-in', () => {
    it('adds quantities up, caps them at the stock, and leaves out unknown, removed and sold-out products', async () => {
      const customer = await env.registerCustomer();
      const pots = await product(sellerB, 'Terracotta Pot', 4);
      const soil = await product(sellerB, 'Potting Soil', 10);
      const gone = await product(sellerB, 'Old Rake', 3);
      const none = await product(sellerB, 'Sold-out Seeds', 0);
      await env.http().delete(`/api/v2/products/${gone.id}`).set('Authorization', sellerB.auth).expect(204);
      await add(customer, pots.id, 2).expect(200);

      const res = await env
        .http()
        .post('/api/v2/cart/merge')
        .set('Authorization', customer.auth)
        .send({
          items: [
            { productId: pots.id, quantity: 3 },
            { productId: soil.id, quantity: 2 },
            { productId: gone.id, quantity: 1 },
            { productId: none.id, quantity: 1 },
            { productId: '00000000-0000-4000-8000-000000000000', quantity: 1 },
          ],
        })
        .expect(200);
      const lines = (res.body as CartDto).items.map((i) => [i.name, i.quantity]);
      expect(lines).toEqual([
        ['Terracotta Pot', 4],
        ['Potting Soil', 2],
      ]);
      // Merging the same guest cart again (a second tab signing in) does not double it past the stock.
      await env
        .http()
        .post('/api/v2/cart/merge')
        .set('Authorization', customer.auth)
        .send({ items: [{ productId: soil.id, quantity: 2 }] })
        .expect(200);
      expect((await cart(customer)).items.map((i) => i.quantity)).toEqual([4, 4]);
    });

    it('refuses a malformed guest cart with 400 naming the field, and changes nothing', async () => {
      const customer = await env.registerCustomer();
      const res = await env
        .http()
        .post('/api/v2/cart/merge')
        .set('Authorization', customer.auth)
        .send({ items: [{ productId: 'x', quantity: 1 }] })
        .expect(400);
      expect(res.body.details[0].field).toBe('items.0.productId');
      expect((await cart(customer)).items).toEqual([]);
    });
  });

  describe('checkout', () => {
    it('makes one order per shop, takes the stock, empties the cart, cash on delivery due', async () => {
      const customer = await env.registerCustomer();
      const amp = await product(sellerA, 'Tube Amplifier', 5, 50000);
      const cable = await product(sellerA, 'Speaker Cable', 20, 1500);
      const fern = await product(sellerB, 'Boston Fern', 7, 2500);
      await add(customer, amp.id).expect(200);
      await add(customer, cable.id, 4).expect(200);
      await add(customer, fern.id, 2).expect(200);

      const res = await checkout(customer).expect(201);
      const orders = (res.body as CheckoutResponse).orders;
      expect(orders).toHaveLength(2);
      const a = orders.find((o) => o.shop.id === sellerA.user.shopId);
      const b = orders.find((o) => o.shop.id === sellerB.user.shopId);
      expect(a).toMatchObject({
        status: 'placed',
        customer: { id: customer.user.id },
        total: { amount: 50000 + 4 * 1500, currency: 'USD' },
        paymentMethod: 'cash_on_delivery',
        paymentStatus: 'due',
        shippingAddress: { ...ADDRESS, country: 'US', line2: null },
      });
      expect(a?.items.map((i) => [i.name, i.quantity, i.price])).toEqual([
        ['Speaker Cable', 4, 1500],
        ['Tube Amplifier', 1, 50000],
      ]);
      expect(b).toMatchObject({ total: { amount: 5000 }, items: [{ name: 'Boston Fern', quantity: 2 }] });
      expect([await stockOf(amp.id), await stockOf(cable.id), await stockOf(fern.id)]).toEqual([4, 16, 5]);
      expect((await cart(customer)).items).toEqual([]);
      const mine = await env.http().get('/api/v2/orders').set('Authorization', customer.auth).expect(200);
      expect(mine.body.items.map((o: OrderDto) => o.id).sort()).toEqual(orders.map((o) => o.id).sort());
      expect((await checkout(customer).expect(400)).body.message).toBe('Your cart is empty');
    });

    it('refuses a bad address or payment method with 400 naming the field, ordering nothing', async () => {
      const customer = await env.registerCustomer();
      const p = await product(sellerA, 'Guarded Stock', 2);
      await add(customer, p.id).expect(200);
      const cases: [object, string][] = [
        [{ ...CHECKOUT, paymentMethod: 'card' }, 'paymentMethod'],
        [{ paymentMethod: 'cash_on_delivery' }, 'shippingAddress'],
        [{ ...CHECKOUT, shippingAddress: { ...ADDRESS, city: '' } }, 'shippingAddress.city'],
        [{ ...CHECKOUT, shippingAddress: { ...ADDRESS, country: 'USA' } }, 'shippingAddress.country'],
        [{ ...CHECKOUT, shippingAddress: { ...ADDRESS, phone: 'call me' } }, 'shippingAddress.phone'],
        [{ ...CHECKOUT, shippingAddress: 'home' }, 'shippingAddress'],
      ];
      for (const [body, field] of cases) {
        const res = await checkout(customer, body).expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect(await stockOf(p.id)).toBe(2);
      expect((await cart(customer)).items).toHaveLength(1);
    });

    it('refuses the whole checkout when one product is short, naming it, and keeps the other stock', async () => {
      const customer = await env.registerCustomer();
      const rival = await env.registerCustomer();
      const plenty = await product(sellerA, 'Plenty Item', 10);
      const scarce = await product(sellerB, 'Scarce Item', 2);
      await add(customer, plenty.id, 3).expect(200);
      await add(customer, scarce.id, 2).expect(200);
      await add(rival, scarce.id, 1).expect(200);
      await checkout(rival).expect(201);
      const res = await checkout(customer).expect(409);
      expect(res.body.message).toBe('Only 1 of "Scarce Item" left in stock');
      expect([await stockOf(plenty.id), await stockOf(scarce.id)]).toEqual([10, 1]);
      expect((await cart(customer)).items).toHaveLength(2);
      const mine = await env.http().get('/api/v2/orders').set('Authorization', customer.auth).expect(200);
      expect(mine.body.total).toBe(0);
    });

    it('two customers buying the last unit at once: exactly one wins, the other gets 409 naming it', async () => {
      for (let round = 0; round < 3; round++) {
        const last = await product(sellerA, `Last Unit ${round}`, 1);
        const buyers = await Promise.all([1, 2, 3, 4].map(() => env.registerCustomer()));
        for (const b of buyers) await add(b, last.id).expect(200);
        const results = await Promise.all(buyers.map((b) => checkout(b)));
        const statuses = results.map((r) => r.status).sort();
        expect(statuses).toEqual([201, 409, 409, 409]);
        for (const r of results.filter((x) => x.status === 409))
          expect(r.body.message).toBe(`"Last Unit ${round}" is sold out`);
        expect(await stockOf(last.id)).toBe(0);
        const seller = await env
          .http()
          .get('/api/v2/orders')
          .set('Authorization', sellerA.auth)
          .query({ limit: 100 })
          .expect(200);
        const sold = seller.body.items.filter((o: OrderDto) => o.items[0].name === `Last Unit ${round}`);
        expect(sold).toHaveLength(1);
      }
    });

    it('the same cart checked out from two tabs at once gives one set of orders', async () => {
      const customer = await env.registerCustomer();
      const p = await product(sellerA, 'Two Tabs', 5);
      await add(customer, p.id, 2).expect(200);
      const [x, y] = await Promise.all([checkout(customer), checkout(customer)]);
      expect([x.status, y.status].sort()).toEqual([201, 400]);
      expect(await stockOf(p.id)).toBe(3);
    });
  });

  describe('who sees and changes an order', () => {
    it('a customer sees only their own orders; a shop only its own (404 for the rest, lists exclude them)', async () => {
      const { customer, order: o } = await placedOrder();
      const stranger = await env.registerCustomer();
      await env.http().get(`/api/v2/orders/${o.id}`).set('Authorization', stranger.auth).expect(404);
      await env.http().get(`/api/v2/orders/${o.id}`).set('Authorization', sellerB.auth).expect(404);
      await env.http().get(`/api/v2/orders/${o.id}`).expect(401);
      const theirs = await env.http().get('/api/v2/orders').set('Authorization', stranger.auth).expect(200);
      expect(theirs.body.items).toEqual([]);
      const shopB = await env.http().get('/api/v2/orders').set('Authorization', sellerB.auth).expect(200);
      expect(shopB.body.items.map((x: OrderDto) => x.id)).not.toContain(o.id);
      const shopA = await env.http().get('/api/v2/orders').set('Authorization', sellerA.auth).expect(200);
      expect(shopA.body.items.map((x: OrderDto) => x.id)).toContain(o.id);
      expect((await order(customer, o.id)).id).toBe(o.id);
      expect((await order(sellerA, o.id)).customer.id).toBe(customer.user.id);
    });

    it('another shop and a stranger cannot change it (404), and it stays placed', async () => {
      const { customer, order: o } = await placedOrder();
      const stranger = await env.registerCustomer();
      await setStatus(sellerB, o.id, 'confirmed').expect(404);
      await setStatus(stranger, o.id, 'cancelled').expect(404);
      expect((await order(customer, o.id)).status).toBe('placed');
    });

    it('a shop staff member added by the owner sees and moves the shop’s orders', async () => {
      const { order: o } = await placedOrder();
      const email = `staff-${Date.now().toString(36)}@test.example`;
      await env
        .http()
        .post('/api/v2/auth/staff')
        .set('Authorization', sellerA.auth)
        .send({ name: 'Sam Staff', email, password: sellerA.password })
        .expect(201);
      const login = await env.http().post('/api/v2/auth/login').send({ email, password: sellerA.password });
      const staff = { ...login.body, auth: `Bearer ${login.body.accessToken}` } as TestUser;
      expect((await setStatus(staff, o.id, 'confirmed').expect(200)).body.status).toBe('confirmed');
    });
  });

  describe('status changes', () => {
    it('placed → confirmed → shipped → delivered; skipping or going back is a 409; delivered is paid', async () => {
      const { customer, order: o } = await placedOrder();
      expect((await setStatus(sellerA, o.id, 'shipped').expect(409)).body.message).toBe(
        'An order that is placed cannot be marked shipped',
      );
      await setStatus(sellerA, o.id, 'confirmed').expect(200);
      await setStatus(sellerA, o.id, 'confirmed').expect(409);
      const shipped = await setStatus(sellerA, o.id, 'shipped').expect(200);
      expect(shipped.body).toMatchObject({ status: 'shipped', paymentStatus: 'due' });
      await setStatus(sellerA, o.id, 'confirmed').expect(409);
      await setStatus(sellerA, o.id, 'cancelled').expect(409);
      const delivered = await setStatus(sellerA, o.id, 'delivered').expect(200);
      expect(delivered.body).toMatchObject({ status: 'delivered', paymentStatus: 'paid' });
      expect(await order(customer, o.id)).toMatchObject({ status: 'delivered', paymentStatus: 'paid' });
      await setStatus(sellerA, o.id, 'bogus').expect(400);
    });

    it('cancelling returns the stock, once', async () => {
      const { order: o, product: p } = await placedOrder(3);
      expect(await stockOf(p.id)).toBe(2);
      await setStatus(sellerA, o.id, 'confirmed').expect(200);
      const res = await setStatus(sellerA, o.id, 'cancelled').expect(200);
      expect(res.body).toMatchObject({ status: 'cancelled', paymentStatus: 'void' });
      expect(await stockOf(p.id)).toBe(3);
      await setStatus(sellerA, o.id, 'cancelled').expect(409);
      expect(await stockOf(p.id)).toBe(3);
    });

    it('two staff changing the same order at once: one wins, the other gets 409, stock returned once', async () => {
      const { order: o, product: p } = await placedOrder(4);
      const results = await Promise.all([1, 2, 3].map(() => setStatus(sellerA, o.id, 'cancelled')));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      expect(await stockOf(p.id)).toBe(4);
    });

    it('a customer may cancel their placed order, but not one the shop confirmed, nor confirm or ship it', async () => {
      const first = await placedOrder(3);
      expect((await setStatus(first.customer, first.order.id, 'confirmed').expect(403)).body.message).toBe(
        'Only the shop can mark an order confirmed',
      );
      await setStatus(first.customer, first.order.id, 'cancelled').expect(200);
      expect(await stockOf(first.product.id)).toBe(3);

      const second = await placedOrder();
      await setStatus(sellerA, second.order.id, 'confirmed').expect(200);
      const late = await setStatus(second.customer, second.order.id, 'cancelled').expect(409);
      expect(late.body.message).toMatch(/confirmed can no longer be cancelled/);
    });

    it('filters a shop’s orders by status', async () => {
      const { order: o } = await placedOrder();
      await setStatus(sellerA, o.id, 'confirmed').expect(200);
      const res = await env
        .http()
        .get('/api/v2/orders')
        .query({ status: 'confirmed', limit: 100 })
        .set('Authorization', sellerA.auth)
        .expect(200);
      expect(res.body.items.every((x: OrderDto) => x.status === 'confirmed')).toBe(true);
      expect(res.body.items.map((x: OrderDto) => x.id)).toContain(o.id);
      await env
        .http()
        .get('/api/v2/orders')
        .query({ status: 'lost' })
        .set('Authorization', sellerA.auth)
        .expect(400);
    });
  });
  describe('orders assisted by a call', () => {
    const track = closeClientsAfterEach();

    /** A real call between the customer and the shop, answered, and connected when `media` (both sides report media). */
    const call = async (shop: Awaited<ReturnType<typeof createShop>>, customer: TestUser, media: boolean) => {
      const { seller, phone, call: c } = await acceptedCall(env, shop, customer, track);
      if (media) {
        await phone.request('call:media', { callId: c.id, flowing: true });
        await seller.request('call:media', { callId: c.id, flowing: true });
        await phone.next<{ call: CallDto }>('call:connected');
      }
      return { seller, phone, call: c };
    };
    const buy = async (customer: TestUser, ...products: ProductDto[]): Promise<OrderDto[]> => {
      for (const p of products) await add(customer, p.id).expect(200);
      return ((await checkout(customer).expect(201)).body as CheckoutResponse).orders;
    };

    it('marks the order with that shop after a connected call, not the other shop’s order; both sides see it', async () => {
      const shop = await createShop(env, 'Assisted Lamp');
      const customer = await env.registerCustomer();
      const { phone, call: c } = await call(shop, customer, true);
      expect(await phone.request('call:hangup', { callId: c.id })).toMatchObject({ ok: true });
      const elsewhere = await product(sellerB, 'Unrelated Vase', 3);
      const orders = await buy(customer, shop.product, elsewhere);
      const assisted = orders.find((o) => o.shop.id === shop.shopId) as OrderDto;
      const other = orders.find((o) => o.shop.id === sellerB.user.shopId);
      expect(assisted.assistedBy).toEqual({ callId: c.id, connectedAt: expect.any(String) });
      expect(other?.assistedBy).toBeNull();
      expect((await order(shop.owner, assisted.id)).assistedBy?.callId).toBe(c.id);
      expect((await order(customer, assisted.id)).assistedBy?.callId).toBe(c.id);
    });

    it('marks an order placed during the call', async () => {
      const shop = await createShop(env, 'Live Lamp');
      const customer = await env.registerCustomer();
      const { call: c } = await call(shop, customer, true);
      const [o] = await buy(customer, shop.product);
      expect(o.assistedBy?.callId).toBe(c.id);
    });

    it('does not mark it after a call that was answered but never connected, nor after another customer’s call', async () => {
      const shop = await createShop(env, 'Silent Lamp');
      const customer = await env.registerCustomer();
      const { phone, call: c } = await call(shop, customer, false);
      await phone.request('call:hangup', { callId: c.id });
      expect((await buy(customer, shop.product))[0].assistedBy).toBeNull();

      const caller = await env.registerCustomer();
      const other = await call(shop, caller, true);
      await other.phone.request('call:hangup', { callId: other.call.id });
      const bystander = await env.registerCustomer();
      expect((await buy(bystander, shop.product))[0].assistedBy).toBeNull();
    });

    it('does not mark it more than 24 hours after the call ended; the latest connected call wins', async () => {
      const shop = await createShop(env, 'Patient Lamp');
      const customer = await env.registerCustomer();
      const old = await call(shop, customer, true);
      await old.phone.request('call:hangup', { callId: old.call.id });
      const db = env.app.get(DataSource);
      await db.query(
        `UPDATE calls SET connected_at = now() - interval '26 hours', ended_at = now() - interval '25 hours' WHERE id = $1`,
        [old.call.id],
      );
      expect((await buy(customer, shop.product))[0].assistedBy).toBeNull();

      // Ended 23 hours ago: still inside the window.
      await db.query(
        `UPDATE calls SET connected_at = now() - interval '23 hours 10 minutes', ended_at = now() - interval '23 hours' WHERE id = $1`,
        [old.call.id],
      );
      const recent = await call(shop, customer, true);
      await recent.phone.request('call:hangup', { callId: recent.call.id });
      expect((await buy(customer, shop.product))[0].assistedBy?.callId).toBe(recent.call.id);
    });
  });
});
