import { seedDemoData } from '../src/demo/demo-data';
import { DEMO_PASSWORD } from '../src/demo/demo-catalog';
import { planDemoHistory } from '../src/demo/demo-analytics-history';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment';

describe('demo data', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'demo' });
  });
  afterAll(() => env.close());

  const login = async (email: string) => {
    const res = await env
      .http()
      .post('/api/v2/auth/login')
      .send({ email, password: DEMO_PASSWORD })
      .expect(200);
    return `Bearer ${res.body.accessToken}`;
  };

  it('seeds an empty database once: shops, products, logins and a call history', async () => {
    expect(await seedDemoData(env.app)).toBe(true);
    expect(await seedDemoData(env.app)).toBe(false);

    const shops = await env.http().get('/api/v2/shops').expect(200);
    expect(shops.body.map((s: { name: string }) => s.name)).toEqual([
      'Callshop Essentials',
      'Greenleaf Home & Garden',
      'Northwind Audio',
    ]);
    expect(shops.body[0].isPlatform).toBe(true);
    const products = await env.http().get('/api/v2/products?limit=100').expect(200);
    expect(products.body.total).toBe(14);
    await env.http().get(products.body.items[0].images[0]).expect(200).expect('Content-Type', /svg/);

    const seller = await login('seller@demo.shop');
    const history = await env.http().get('/api/v2/calls').set('Authorization', seller).expect(200);
    // The hand-written calls are the newest; two months of generated history lie behind them.
    expect(history.body.items.slice(0, 3).map((c: { status: string }) => c.status)).toEqual([
      'missed',
      'ended',
      'ended',
    ]);
    const plan = planDemoHistory(5);
    const missedInHistory = plan.calls.filter(
      (c) => c.initiatedBy === 'customer' && ['missed', 'cancelled', 'busy'].includes(c.status),
    ).length;
    expect(history.body.total).toBe(3 + plan.calls.length);
    const summary = await env.http().get('/api/v2/calls/summary').set('Authorization', seller).expect(200);
    expect(summary.body).toMatchObject({ missedTotal: 1 + missedInHistory, openCallbacks: 1 });
    const contacts = await env.http().get('/api/v2/calls/contacts').set('Authorization', seller).expect(200);
    expect(contacts.body.map((c: { customer: { name: string } }) => c.customer.name)[0]).toBe(
      'Riley Shopper',
    );

    const customer = await login('customer3@demo.shop');
    const mine = await env.http().get('/api/v2/calls').set('Authorization', customer).expect(200);
    expect(mine.body.total).toBe(4);
    expect(mine.body.items.find((c: { durationSeconds: number }) => c.durationSeconds === 192)).toMatchObject(
      {
        direction: 'outgoing',
        shop: { name: 'Northwind Audio' },
        product: { name: 'Noise-Cancelling Earbuds' },
      },
    );
    await login('staff@demo.shop');
    await login('support@demo.shop');
  });

  it('seeds orders: the console and My orders are not empty, one assisted by the call before it', async () => {
    const seller = await login('seller@demo.shop');
    const orders = await env.http().get('/api/v2/orders').set('Authorization', seller).expect(200);
    expect(orders.body.items.slice(0, 2).map((o: { status: string }) => o.status)).toEqual([
      'delivered',
      'shipped',
    ]);
    const assisted = orders.body.items.find((o: { status: string }) => o.status === 'shipped');
    expect(assisted).toMatchObject({
      customer: { name: 'Riley Shopper' },
      assistedBy: { callId: expect.any(String) },
    });
    const history = await env.http().get('/api/v2/calls').set('Authorization', seller).expect(200);
    expect(history.body.items.map((c: { id: string }) => c.id)).toContain(assisted.assistedBy.callId);
    const customer = await login('customer@demo.shop');
    const mine = await env.http().get('/api/v2/orders').set('Authorization', customer).expect(200);
    expect(mine.body.items).toMatchObject([{ status: 'placed', shop: { name: 'Greenleaf Home & Garden' } }]);
  });

  it("gives the seller's analytics two months of history to show", async () => {
    const seller = await login('seller@demo.shop');
    const res = await env
      .http()
      .get('/api/v2/analytics?timeZone=Europe/Berlin')
      .set('Authorization', seller)
      .expect(200);
    const total = res.body.callsPerDay.reduce((n: number, d: { total: number }) => n + d.total, 0);
    expect(total).toBeGreaterThan(60);
    expect(res.body.callsPerDay.filter((d: { total: number }) => d.total > 0).length).toBeGreaterThan(20);
    expect(res.body.answerRate.rate).toBeGreaterThan(0.4);
    expect(res.body.missedByReason.length).toBeGreaterThan(1);
    expect(res.body.products.some((p: { assistedOrders: number }) => p.assistedOrders > 0)).toBe(true);
    expect(res.body.staff.map((s: { name: string }) => s.name).sort()).toEqual([
      'Nora Northwind',
      'Theo Staff',
    ]);
    expect(res.body.callbacks.closed).toBeGreaterThan(0);
    const customer = await login('history1@demo.shop');
    await env.http().get('/api/v2/analytics').set('Authorization', customer).expect(403);
  });
});
