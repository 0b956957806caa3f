// Analytics data: shops, staff, products and customers, then calls, orders (with lines) and
// callback requests spread over the last two years, generated inside PostgreSQL
// (generate_series, one INSERT ... SELECT per table), so a million calls take a minute or two,
// not hours. Shops are unequal, as on a real marketplace: shop i gets a share proportional to
// about 1/sqrt(i), so shop 0 (the busiest) has roughly 4-5 % of everything.
//
// Used by analytics-bench.ts; on its own it fills a database that already has the schema
// (the API's migrations):
//   DATABASE_URL=postgres://... node tools/bench/analytics-data.ts [--calls=1000000] [--orders=50000]
//        [--shops=500] [--callbacks=50000] [--customers=20000]
import pg from 'pg';

export interface AnalyticsDataSize {
  shops: number;
  calls: number;
  orders: number;
  callbacks: number;
  customers: number;
}

export const FULL_SIZE: AnalyticsDataSize = {
  shops: 500,
  calls: 1_000_000,
  orders: 50_000,
  callbacks: 50_000,
  customers: 20_000,
};

export interface GeneratedShop {
  shopId: string;
  ownerId: string;
  ownerName: string;
}

/** A shop index, skewed towards 0: `floor(shops * random()^2)`. */
const SKEWED_SHOP = `floor($1::int * power(random(), 2))::int`;

/**
 * Fills the database and returns the busiest shop (index 0) with its owner. Deterministic
 * apart from the ids (`setseed`), relative to `now()`.
 */
export async function generateAnalyticsData(
  url: string,
  size: AnalyticsDataSize,
  log: (line: string) => void = () => undefined,
): Promise<GeneratedShop> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const started = Date.now();
    const res = await db.query(sql, params);
    log(`  ${label}: ${res.rowCount ?? 0} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  try {
    await db.query('SELECT setseed(0.42)');
    await db.query(
      `CREATE TEMP TABLE bench_shops AS SELECT i, gen_random_uuid() AS id FROM generate_series(0, $1 - 1) i`,
      [size.shops],
    );
    await step(
      'shops',
      `INSERT INTO shops (id, name, phone_number) SELECT id, 'Analytics shop ' || i, '+1 555 0100' FROM bench_shops`,
    );
    await step(
      'staff (3 per shop)',
      `INSERT INTO users (email, password_hash, name, role, shop_id, staff_role)
       SELECT 'analytics-staff-' || s.i || '-' || k || '@bench.example', 'x', 'Staff ' || s.i || '-' || k, 'seller', s.id,
              CASE k WHEN 1 THEN 'owner' ELSE 'staff' END
       FROM bench_shops s, generate_series(1, 3) k`,
    );
    await step(
      'products (20 per shop)',
      `INSERT INTO products (shop_id, name, price, stock, images)
       SELECT s.id, 'Product ' || s.i || '-' || k, 500 + (k * 997) % 20000, 100, '[]'::jsonb
       FROM bench_shops s, generate_series(1, 20) k`,
    );
    await step(
      'customers',
      `INSERT INTO users (email, password_hash, name, role)
       SELECT 'analytics-customer-' || g || '@bench.example', 'x', 'Customer ' || g, 'customer'
       FROM generate_series(1, $1) g`,
      [size.customers],
    );
    await db.query(`
      CREATE TEMP TABLE bench_refs AS
      SELECT s.i, s.id,
             (SELECT array_agg(u.id ORDER BY u.email) FROM users u WHERE u.shop_id = s.id) AS staff,
             (SELECT array_agg(p.id ORDER BY p.name) FROM products p WHERE p.shop_id = s.id) AS products,
             (SELECT array_agg(p.price ORDER BY p.name) FROM products p WHERE p.shop_id = s.id) AS prices
      FROM bench_shops s`);
    await db.query(`CREATE UNIQUE INDEX ON bench_refs (i)`);
    await db.query(`
      CREATE TEMP TABLE bench_customers AS
      SELECT (row_number() OVER (ORDER BY id) - 1)::int AS i, id FROM users WHERE role = 'customer'
        AND email LIKE 'analytics-customer-%'`);
    await db.query(`CREATE UNIQUE INDEX ON bench_customers (i)`);

    // Calls: mostly in opening hours; 10 % placed by the shop; outcomes by one random draw.
    await step(
      'calls',
      `INSERT INTO calls (customer_id, shop_id, staff_id, product_id, product_name, product_price, product_currency,
                          type, initiated_by, status, end_reason, answered_at, connected_at, ended_at,
                          duration_seconds, created_at)
       SELECT cu.id, r.id,
              CASE WHEN x.answered OR x.by_shop THEN r.staff[1 + x.g % 3] END,
              CASE WHEN x.by_shop THEN NULL ELSE r.products[1 + x.p] END,
              CASE WHEN x.by_shop THEN NULL ELSE 'Product ' || r.i || '-' || (x.p + 1) END,
              CASE WHEN x.by_shop THEN NULL ELSE r.prices[1 + x.p] END,
              CASE WHEN x.by_shop THEN NULL ELSE 'USD' END,
              CASE WHEN x.g % 4 = 0 THEN 'audio' ELSE 'video' END,
              CASE WHEN x.by_shop THEN 'shop' ELSE 'customer' END,
              x.status, x.reason,
              CASE WHEN x.answered THEN x.t + x.ring END,
              CASE WHEN x.status = 'ended' THEN x.t + x.ring + interval '1 second' END,
              x.t + x.ring + make_interval(secs => x.talk + 2),
              CASE WHEN x.status = 'ended' THEN x.talk END,
              x.t
       FROM (
         SELECT g, s, ci, p, t, ring, talk, by_shop, status,
                CASE status WHEN 'ended' THEN 'hangup' WHEN 'failed' THEN 'media_failed'
                            WHEN 'missed' THEN CASE WHEN g % 3 = 0 THEN 'offline' ELSE 'timeout' END
                            ELSE status END AS reason,
                status IN ('ended', 'failed') AS answered
         FROM (
           SELECT g, s, ci, p, t, ring, talk, o < 0.10 AS by_shop,
                  CASE WHEN o < 0.10 THEN CASE WHEN o < 0.08 THEN 'ended' ELSE 'missed' END
                       WHEN o < 0.65 THEN 'ended' WHEN o < 0.70 THEN 'failed' WHEN o < 0.85 THEN 'missed'
                       WHEN o < 0.90 THEN 'declined' WHEN o < 0.93 THEN 'busy' ELSE 'cancelled' END AS status
           FROM (
             SELECT g, ${SKEWED_SHOP} AS s, floor(random() * $2::int)::int AS ci,
                    floor(20 * power(random(), 2))::int AS p, random() AS o,
                    date_trunc('day', now() - random() * interval '730 days')
                      + interval '8 hours' + random() * interval '13 hours' AS t,
                    make_interval(secs => 2 + floor(random() * 40)) AS ring,
                    (20 + floor(random() * 900))::int AS talk
             FROM generate_series(1, $3::int) g) a) b) x
       JOIN bench_refs r ON r.i = x.s
       JOIN bench_customers cu ON cu.i = x.ci`,
      [size.shops, size.customers, size.calls],
    );

    // Orders: 10 % cancelled; about a third assisted by the shop's latest call before them.
    await step(
      'orders',
      `INSERT INTO orders (customer_id, shop_id, status, currency, total, shipping_address, payment_method,
                           payment_status, assisted_by_call_id, created_at, updated_at)
       SELECT cu.id, r.id, CASE WHEN x.o < 0.1 THEN 'cancelled' ELSE 'delivered' END, 'USD', 0, '{}'::jsonb,
              'cash_on_delivery', CASE WHEN x.o < 0.1 THEN 'void' ELSE 'paid' END,
              CASE WHEN x.o > 0.66 THEN (SELECT c.id FROM calls c WHERE c.shop_id = r.id AND c.created_at <= x.t
                                           ORDER BY c.created_at DESC LIMIT 1) END,
              x.t, x.t
       FROM (SELECT g, ${SKEWED_SHOP} AS s, floor(random() * $2::int)::int AS ci, random() AS o,
                    now() - random() * interval '730 days' AS t
             FROM generate_series(1, $3::int) g) x
       JOIN bench_refs r ON r.i = x.s
       JOIN bench_customers cu ON cu.i = x.ci`,
      [size.shops, size.customers, size.orders],
    );
    await step(
      'order lines (1-3 per order)',
      `INSERT INTO order_items (order_id, product_id, name, price, currency, quantity, created_at, updated_at)
       SELECT o.id, r.products[1 + k.p], 'Product ' || r.i || '-' || (k.p + 1), r.prices[1 + k.p], 'USD',
              1 + floor(random() * 3)::int, o.created_at, o.created_at
       FROM orders o
       JOIN bench_refs r ON r.id = o.shop_id
       CROSS JOIN LATERAL (SELECT DISTINCT floor(20 * power(random(), 2))::int AS p
                           FROM generate_series(1, 1 + (hashtext(o.id::text) & 3) % 3)
                           WHERE o.id IS NOT NULL) k`,
    );
    await step(
      'order totals',
      `UPDATE orders o SET total = t.total
       FROM (SELECT order_id, sum(price * quantity) AS total FROM order_items GROUP BY order_id) t
       WHERE t.order_id = o.id`,
    );

    // Callback requests: most closed within three days; at most one open per customer and shop.
    await step(
      'callback requests',
      `INSERT INTO callback_requests (customer_id, shop_id, product_id, product_name, preference, phone_number,
                                      status, handled_by_id, handled_at, created_at, updated_at)
       SELECT cu.id, r.id, r.products[1 + x.p], 'Product ' || r.i || '-' || (x.p + 1),
              CASE WHEN x.o < 0.5 THEN 'phone' ELSE 'video' END, '+1 555 0199', x.status,
              CASE WHEN x.status IN ('called_back', 'done') THEN r.staff[1 + x.g % 3] END,
              CASE WHEN x.status <> 'open' THEN x.t + random() * interval '3 days' END, x.t, x.t
       FROM (SELECT g, s, ci, p, o, t,
                    CASE WHEN o < 0.60 THEN 'called_back' WHEN o < 0.80 THEN 'done'
                         WHEN o < 0.95 THEN 'cancelled' ELSE 'open' END AS status
             FROM (SELECT g, ${SKEWED_SHOP} AS s, floor(random() * $2::int)::int AS ci,
                          floor(20 * power(random(), 2))::int AS p, random() AS o,
                          now() - random() * interval '730 days' AS t
                   FROM generate_series(1, $3::int) g) a) x
       JOIN bench_refs r ON r.i = x.s
       JOIN bench_customers cu ON cu.i = x.ci
       ON CONFLICT DO NOTHING`,
      [size.shops, size.customers, size.callbacks],
    );
    const started = Date.now();
    await db.query('VACUUM ANALYZE calls, orders, order_items, callback_requests, users, products');
    log(`  vacuum analyze: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const { rows } = await db.query<{ shop_id: string; owner_id: string; owner_name: string }>(
      `SELECT r.id AS shop_id, u.id AS owner_id, u.name AS owner_name
       FROM bench_refs r JOIN users u ON u.id = r.staff[1] WHERE r.i = 0`,
    );
    return { shopId: rows[0].shop_id, ownerId: rows[0].owner_id, ownerName: rows[0].owner_name };
  } finally {
    await db.end();
  }
}

/** The shop with the most calls and its owner, in a database filled before. */
export async function busiestShop(url: string): Promise<GeneratedShop> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ shop_id: string; owner_id: string; owner_name: string }>(
      `SELECT s.shop_id, u.id AS owner_id, u.name AS owner_name
       FROM (SELECT shop_id, count(*) AS n FROM calls GROUP BY shop_id ORDER BY n DESC LIMIT 1) s
       JOIN users u ON u.shop_id = s.shop_id AND u.staff_role = 'owner'`,
    );
    if (!rows.length) throw new Error('no calls in this database: fill it with analytics-data.ts first');
    return { shopId: rows[0].shop_id, ownerId: rows[0].owner_id, ownerName: rows[0].owner_name };
  } finally {
    await db.end();
  }
}

function sizeOption(name: keyof AnalyticsDataSize): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.split('=')[1]) : FULL_SIZE[name];
}

if (import.meta.main) {
  const url = process.env['DATABASE_URL'];
  if (!url) {
    process.stderr.write(
      'DATABASE_URL must name a database with the schema (the API migrates it at start)\n',
    );
    process.exit(2);
  }
  const size = Object.fromEntries(
    (Object.keys(FULL_SIZE) as (keyof AnalyticsDataSize)[]).map((k) => [k, sizeOption(k)]),
  ) as unknown as AnalyticsDataSize;
  generateAnalyticsData(url, size, (l) => process.stdout.write(`${l}\n`)).then(
    (shop) => process.stdout.write(`Busiest shop: ${shop.shopId} (owner ${shop.ownerName})\n`),
    (e) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
