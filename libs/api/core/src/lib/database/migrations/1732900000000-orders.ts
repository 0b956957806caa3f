import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Carts and orders. A cart line is one product with a quantity per customer. An order belongs to
 * one customer and one shop; its lines copy the product's name and price at checkout, so the
 * record outlives later changes. Stock is reserved by a conditional UPDATE of `products.stock`
 * (never below zero: the CHECK is the last line of defence).
 */
export class Orders1732900000000 implements MigrationInterface {
  name = 'Orders1732900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cart_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        customer_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        quantity integer NOT NULL CHECK (quantity > 0),
        CONSTRAINT cart_items_customer_product UNIQUE (customer_id, product_id)
      )`);
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        customer_id uuid NOT NULL REFERENCES users(id),
        shop_id uuid NOT NULL REFERENCES shops(id),
        status varchar(16) NOT NULL,
        currency char(3) NOT NULL,
        total bigint NOT NULL,
        shipping_address jsonb NOT NULL,
        payment_method varchar(24) NOT NULL,
        payment_status varchar(8) NOT NULL
      )`);
    await q.query(`CREATE INDEX orders_shop_created ON orders (shop_id, created_at DESC)`);
    await q.query(`CREATE INDEX orders_customer_created ON orders (customer_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE order_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        product_id uuid REFERENCES products(id) ON DELETE SET NULL,
        name varchar(200) NOT NULL,
        price integer NOT NULL,
        currency char(3) NOT NULL,
        image text,
        quantity integer NOT NULL CHECK (quantity > 0)
      )`);
    await q.query(`CREATE INDEX order_items_order ON order_items (order_id)`);
    await q.query(`ALTER TABLE products ADD CONSTRAINT products_stock_not_negative CHECK (stock >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE products DROP CONSTRAINT products_stock_not_negative`);
    await q.query(`DROP TABLE order_items`);
    await q.query(`DROP TABLE orders`);
    await q.query(`DROP TABLE cart_items`);
  }
}
