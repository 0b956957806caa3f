import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthService, Shop, User } from '@callshop/api/auth';
import { Product } from '@callshop/api/products';
import { Call, CallbackRequest } from '@callshop/api/calls';
import { Order } from '@callshop/api/orders';
import {
  DEMO_CALLBACKS,
  DEMO_CALLS,
  DEMO_CUSTOMERS,
  DEMO_ORDERS,
  DEMO_PASSWORD,
  DEMO_SHOPS,
  demoShippingAddress,
} from './demo-catalog';
import { seedDemoAnalyticsHistory } from './demo-analytics-history';

/**
 * Fills an empty database with the demo marketplace. Does nothing when any account exists,
 * so it is safe to run at every start.
 */
export async function seedDemoData(app: INestApplicationContext): Promise<boolean> {
  const dataSource = app.get(DataSource);
  if ((await dataSource.getRepository(User).count()) > 0) return false;
  const auth = app.get(AuthService);
  for (const c of DEMO_CUSTOMERS) {
    await auth.register({
      role: 'customer',
      name: c.name,
      email: c.email,
      password: DEMO_PASSWORD,
      phoneNumber: c.phoneNumber,
    });
  }
  for (const s of DEMO_SHOPS) {
    const { user } = await auth.register(
      {
        role: 'seller',
        name: s.owner.name,
        email: s.owner.email,
        password: DEMO_PASSWORD,
        phoneNumber: s.phoneNumber,
        shopName: s.name,
        shopDescription: s.description,
      },
      { platformShop: s.isPlatform },
    );
    const owner = { id: user.id, role: user.role, name: user.name, shopId: user.shopId };
    for (const staff of s.staff) {
      await auth.addStaff(owner, { name: staff.name, email: staff.email, password: DEMO_PASSWORD });
    }
    const products = dataSource.getRepository(Product);
    // Oldest first, so the catalogue lists them in the order written here.
    let t = Date.now() - s.products.length * 60_000;
    for (const p of s.products) {
      await products.save(
        products.create({
          shopId: owner.shopId as string,
          name: p.name,
          description: p.description,
          price: p.price,
          currency: 'USD',
          stock: p.stock,
          category: p.category,
          images: [`/api/v2/media/demo/${p.image}.svg`],
          createdAt: new Date((t += 60_000)),
        }),
      );
    }
  }
  await seedHistory(dataSource);
  await seedOrders(dataSource);
  await seedDemoAnalyticsHistory(dataSource);
  const shops = await dataSource.getRepository(Shop).count();
  new Logger('DemoData').log(
    // The demo password is in the README; a password never goes into a log line, not even this one.
    `Seeded the demo marketplace: ${shops} shops (the demo logins are listed in the README)`,
  );
  return true;
}

/** Past calls and a callback request between the demo accounts. */
async function seedHistory(dataSource: DataSource): Promise<void> {
  const users = await dataSource.getRepository(User).find();
  const byEmail = (email: string) => {
    const user = users.find((u) => u.email === email);
    if (!user) throw new Error(`demo account ${email} is missing`);
    return user;
  };
  const products = await dataSource.getRepository(Product).find();
  const product = (name: string) => {
    const p = products.find((x) => x.name === name);
    if (!p) throw new Error(`demo product ${name} is missing`);
    return {
      productId: p.id,
      productName: p.name,
      productPrice: p.price,
      productCurrency: p.currency,
      productImage: p.images[0] ?? null,
    };
  };
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
  const calls = dataSource.getRepository(Call);
  for (const c of DEMO_CALLS) {
    const owner = byEmail(c.shopOwner);
    const created = hoursAgo(c.hoursAgo);
    const answered = c.status === 'ended' ? new Date(created.getTime() + 8_000) : null;
    // Media flowed a second after the answer; talk time counts from there.
    const connected = answered ? new Date(answered.getTime() + 1_000) : null;
    await calls.save(
      calls.create({
        customerId: byEmail(c.customer).id,
        shopId: owner.shopId as string,
        staffId: c.status === 'missed' ? null : byEmail(c.staff ?? c.shopOwner).id,
        ...product(c.product),
        type: c.type,
        initiatedBy: c.initiatedBy,
        status: c.status,
        endReason: c.endReason,
        createdAt: created,
        ringDeadlineAt: new Date(created.getTime() + 45_000),
        answeredAt: answered,
        connectedAt: connected,
        talkMs: (c.durationSeconds ?? 0) * 1000,
        endedAt: connected
          ? new Date(connected.getTime() + (c.durationSeconds ?? 0) * 1000)
          : new Date(created.getTime() + 45_000),
        durationSeconds: c.durationSeconds ?? null,
      }),
    );
  }
  const callbacks = dataSource.getRepository(CallbackRequest);
  for (const r of DEMO_CALLBACKS) {
    const customer = byEmail(r.customer);
    await callbacks.save(
      callbacks.create({
        customerId: customer.id,
        shopId: byEmail(r.shopOwner).shopId as string,
        ...product(r.product),
        note: r.note,
        preference: r.preference,
        phoneNumber: customer.phoneNumber,
        status: 'open',
        createdAt: hoursAgo(r.hoursAgo),
      }),
    );
  }
}

/** A few orders between the demo accounts, with the address from the customer's name. */
async function seedOrders(dataSource: DataSource): Promise<void> {
  const users = await dataSource.getRepository(User).find();
  const byEmail = (email: string) => users.find((u) => u.email === email) as User;
  const products = await dataSource.getRepository(Product).find();
  const calls = dataSource.getRepository(Call);
  const orders = dataSource.getRepository(Order);
  for (const o of DEMO_ORDERS) {
    const customer = byEmail(o.customer);
    const shopId = byEmail(o.shopOwner).shopId as string;
    const createdAt = new Date(Date.now() - o.hoursAgo * 3_600_000);
    const items = o.items.map(({ product, quantity }) => {
      const p = products.find((x) => x.name === product);
      if (!p) throw new Error(`demo product ${product} is missing`);
      return {
        productId: p.id,
        name: p.name,
        price: p.price,
        currency: p.currency,
        image: p.images[0] ?? null,
        quantity,
      };
    });
    const assist = o.assisted
      ? await calls
          .createQueryBuilder('c')
          .where('c.customer_id = :customer AND c.shop_id = :shopId', { customer: customer.id, shopId })
          .andWhere('c.connected_at IS NOT NULL AND c.connected_at < :createdAt', { createdAt })
          .orderBy('c.connected_at', 'DESC')
          .getOne()
      : null;
    await orders.save(
      orders.create({
        customerId: customer.id,
        shopId,
        status: o.status,
        currency: 'USD',
        total: items.reduce((sum, i) => sum + i.price * i.quantity, 0),
        shippingAddress: demoShippingAddress(customer.name, customer.phoneNumber),
        paymentMethod: 'cash_on_delivery',
        paymentStatus: o.status === 'delivered' ? 'paid' : 'due',
        assistedByCallId: assist?.id ?? null,
        createdAt,
        updatedAt: createdAt,
        items: items.map((i) => ({ ...i, createdAt })),
      }),
    );
  }
}
