import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthService, Shop, User } from '@callshop/api/auth';
import { Product } from '@callshop/api/products';
import { DEMO_CUSTOMERS, DEMO_PASSWORD, DEMO_SHOPS } from './demo-catalog';

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
  const shops = await dataSource.getRepository(Shop).count();
  new Logger('DemoData').log(
    `Seeded the demo marketplace: ${shops} shops, logins use password "${DEMO_PASSWORD}"`,
  );
  return true;
}
