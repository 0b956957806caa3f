import { DataSource } from 'typeorm';
import { User } from '@callshop/api/auth';
import { Product } from '@callshop/api/products';
import { Call, CallbackRequest } from '@callshop/api/calls';
import { Order } from '@callshop/api/orders';
import { demoShippingAddress } from './demo-catalog';

/** The shop whose past the history fills, and the customers it invents for it. */
export const HISTORY_SHOP_OWNER = 'seller@demo.shop';
export const HISTORY_STAFF = ['seller@demo.shop', 'staff@demo.shop'];
export const HISTORY_CUSTOMERS = [
  { name: 'Alex Archer', email: 'history1@demo.shop' },
  { name: 'Blair Bennett', email: 'history2@demo.shop' },
  { name: 'Cam Castillo', email: 'history3@demo.shop' },
  { name: 'Dana Dubois', email: 'history4@demo.shop' },
  { name: 'Eli Eriksen', email: 'history5@demo.shop' },
  { name: 'Fran Fischer', email: 'history6@demo.shop' },
];
export const HISTORY_DAYS = 60;
/** Everything in the history is older than this, so the hand-written demo records stay newest. */
const START_HOURS_AGO = 80;

type Outcome = 'ended' | 'failed' | 'missed' | 'declined' | 'busy' | 'cancelled';

export interface HistoryCall {
  customer: number;
  staff: number;
  product: number;
  hoursAgo: number;
  initiatedBy: 'customer' | 'shop';
  status: Outcome;
  endReason: string;
  ringSeconds: number;
  talkSeconds: number | null;
}

export interface HistoryOrder {
  customer: number;
  product: number;
  quantity: number;
  /** Index of the call in `calls` this order followed (assisted), or null. */
  assistedBy: number | null;
  hoursAgo: number;
}

export interface HistoryCallback {
  customer: number;
  product: number;
  hoursAgo: number;
  status: 'called_back' | 'done' | 'cancelled';
  handledAfterHours: number;
}

/** A small deterministic generator (mulberry32), so every fresh start shows the same history. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The plan of the history, computed without a database: about 60 days of calls (more on
 * weekdays and around lunch and the evening), the orders that followed some of them, and
 * callback requests, all closed. Products are indexes into the shop's products.
 */
export function planDemoHistory(productCount: number): {
  calls: HistoryCall[];
  orders: HistoryOrder[];
  callbacks: HistoryCallback[];
} {
  const rnd = random(20261127);
  const pick = (n: number) => Math.floor(rnd() * n);
  const calls: HistoryCall[] = [];
  const orders: HistoryOrder[] = [];
  const callbacks: HistoryCallback[] = [];
  const busyHours = [9, 10, 11, 12, 12, 13, 13, 14, 15, 16, 17, 17, 18, 18, 19, 20];
  for (let day = 0; day < HISTORY_DAYS; day++) {
    const dayStartHoursAgo = START_HOURS_AGO + day * 24;
    const weekend = day % 7 >= 5;
    // Business grows: more calls in recent weeks.
    const count = Math.round((weekend ? 2 : 5) * (1.4 - day / HISTORY_DAYS / 2) + rnd() * 3);
    for (let i = 0; i < count; i++) {
      const hourOfDay = busyHours[pick(busyHours.length)] + rnd();
      const hoursAgo = dayStartHoursAgo + (24 - hourOfDay);
      const o = rnd();
      const byShop = o < 0.08;
      const status: Outcome = byShop
        ? 'ended'
        : o < 0.62
          ? 'ended'
          : o < 0.66
            ? 'failed'
            : o < 0.82
              ? 'missed'
              : o < 0.87
                ? 'declined'
                : o < 0.91
                  ? 'busy'
                  : 'cancelled';
      const answered = status === 'ended' || status === 'failed';
      calls.push({
        customer: pick(HISTORY_CUSTOMERS.length),
        staff: pick(HISTORY_STAFF.length),
        product: Math.floor(productCount * rnd() * rnd()),
        hoursAgo,
        initiatedBy: byShop ? 'shop' : 'customer',
        status,
        endReason:
          status === 'ended'
            ? 'hangup'
            : status === 'failed'
              ? 'media_failed'
              : status === 'missed'
                ? rnd() < 0.3
                  ? 'offline'
                  : 'timeout'
                : status,
        ringSeconds: answered ? 3 + pick(25) : 45,
        talkSeconds: status === 'ended' ? 40 + pick(600) : null,
      });
      if (status === 'ended' && rnd() < 0.3) {
        const call = calls[calls.length - 1];
        orders.push({
          customer: call.customer,
          product: call.product,
          quantity: 1 + pick(2),
          assistedBy: calls.length - 1,
          hoursAgo: call.hoursAgo - 0.5 - rnd() * 5,
        });
      }
    }
    // Orders nobody called about, and callback requests.
    if (rnd() < 0.5)
      orders.push({
        customer: pick(HISTORY_CUSTOMERS.length),
        product: pick(productCount),
        quantity: 1,
        assistedBy: null,
        hoursAgo: dayStartHoursAgo + 10 + rnd() * 10,
      });
    if (rnd() < 0.4) {
      const s = rnd();
      callbacks.push({
        customer: pick(HISTORY_CUSTOMERS.length),
        product: pick(productCount),
        hoursAgo: dayStartHoursAgo + 8 + rnd() * 12,
        status: s < 0.65 ? 'called_back' : s < 0.85 ? 'done' : 'cancelled',
        handledAfterHours: 0.5 + rnd() * 30,
      });
    }
  }
  return { calls, orders, callbacks };
}

/**
 * Two months of a shop's past (Northwind Audio) from six invented customers, so the analytics
 * page has something to show on a fresh start. The customers sign in with the demo password
 * (their hash is the first demo customer's).
 */
export async function seedDemoAnalyticsHistory(dataSource: DataSource): Promise<void> {
  const users = dataSource.getRepository(User);
  const owner = await users.findOneByOrFail({ email: HISTORY_SHOP_OWNER });
  const shopId = owner.shopId as string;
  // The hash is not selected by default.
  const template = await users
    .createQueryBuilder('u')
    .addSelect('u.passwordHash')
    .where('u.email = :email', { email: 'customer@demo.shop' })
    .getOneOrFail();
  const customers: User[] = [];
  for (const c of HISTORY_CUSTOMERS)
    customers.push(
      await users.save(
        users.create({ name: c.name, email: c.email, role: 'customer', passwordHash: template.passwordHash }),
      ),
    );
  const staff = await Promise.all(HISTORY_STAFF.map((email) => users.findOneByOrFail({ email })));
  const products = await dataSource
    .getRepository(Product)
    .find({ where: { shopId }, order: { createdAt: 'ASC' } });
  const plan = planDemoHistory(products.length);
  const at = (hoursAgo: number, plusSeconds = 0) =>
    new Date(Date.now() - hoursAgo * 3_600_000 + plusSeconds * 1000);

  const saved = await dataSource.getRepository(Call).save(
    plan.calls.map((c) => {
      const p = products[c.product];
      const answered = c.status === 'ended' || c.status === 'failed';
      const created = at(c.hoursAgo);
      const answeredAt = answered ? at(c.hoursAgo, c.ringSeconds) : null;
      const connectedAt = c.talkSeconds !== null ? at(c.hoursAgo, c.ringSeconds + 1) : null;
      return dataSource.getRepository(Call).create({
        customerId: customers[c.customer].id,
        shopId,
        staffId: answered || c.initiatedBy === 'shop' ? staff[c.staff].id : null,
        productId: c.initiatedBy === 'shop' ? null : p.id,
        productName: c.initiatedBy === 'shop' ? null : p.name,
        productPrice: c.initiatedBy === 'shop' ? null : p.price,
        productCurrency: c.initiatedBy === 'shop' ? null : p.currency,
        productImage: c.initiatedBy === 'shop' ? null : (p.images[0] ?? null),
        type: c.customer % 3 === 0 ? 'audio' : 'video',
        initiatedBy: c.initiatedBy,
        status: c.status,
        endReason: c.endReason,
        createdAt: created,
        ringDeadlineAt: at(c.hoursAgo, 45),
        answeredAt,
        connectedAt,
        talkMs: (c.talkSeconds ?? 0) * 1000,
        endedAt: at(c.hoursAgo, c.ringSeconds + (c.talkSeconds ?? 0) + 2),
        durationSeconds: c.talkSeconds,
      } as Partial<Call>);
    }),
    { chunk: 100 },
  );

  const orders = dataSource.getRepository(Order);
  for (const o of plan.orders) {
    const p = products[o.product];
    const customer = customers[o.customer];
    const createdAt = at(o.hoursAgo);
    await orders.save(
      orders.create({
        customerId: customer.id,
        shopId,
        status: 'delivered',
        currency: p.currency,
        total: p.price * o.quantity,
        shippingAddress: demoShippingAddress(customer.name, null),
        paymentMethod: 'cash_on_delivery',
        paymentStatus: 'paid',
        assistedByCallId: o.assistedBy === null ? null : saved[o.assistedBy].id,
        createdAt,
        updatedAt: createdAt,
        items: [
          {
            productId: p.id,
            name: p.name,
            price: p.price,
            currency: p.currency,
            image: p.images[0] ?? null,
            quantity: o.quantity,
            createdAt,
          },
        ],
      }),
    );
  }

  const callbacks = dataSource.getRepository(CallbackRequest);
  await callbacks.save(
    plan.callbacks.map((r) => {
      const p = products[r.product];
      return callbacks.create({
        customerId: customers[r.customer].id,
        shopId,
        productId: p.id,
        productName: p.name,
        productPrice: p.price,
        productCurrency: p.currency,
        productImage: p.images[0] ?? null,
        note: null,
        preference: 'phone',
        phoneNumber: '+1 555 010 0000',
        status: r.status,
        handledById: r.status === 'cancelled' ? null : staff[r.customer % staff.length].id,
        handledAt: at(r.hoursAgo - r.handledAfterHours),
        createdAt: at(r.hoursAgo),
      });
    }),
  );
}
