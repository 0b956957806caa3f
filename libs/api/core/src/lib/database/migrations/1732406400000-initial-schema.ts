import { MigrationInterface, QueryRunner } from 'typeorm';

/** Shops, their staff and customers (users), and products. */
export class InitialSchema1732406400000 implements MigrationInterface {
  name = 'InitialSchema1732406400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shops (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(120) NOT NULL,
        description text NOT NULL DEFAULT '',
        phone_number varchar(32),
        is_platform boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        password_hash varchar(255) NOT NULL,
        name varchar(120) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('customer', 'seller')),
        phone_number varchar(32),
        shop_id uuid REFERENCES shops(id) ON DELETE RESTRICT,
        staff_role varchar(16) CHECK (staff_role IN ('owner', 'staff')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_seller_has_shop CHECK ((role = 'seller') = (shop_id IS NOT NULL AND staff_role IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_unique ON users (lower(email))`);
    await q.query(`CREATE INDEX users_shop_id ON users (shop_id)`);
    await q.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        shop_id uuid NOT NULL REFERENCES shops(id) ON DELETE RESTRICT,
        name varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        price integer NOT NULL CHECK (price >= 0),
        currency char(3) NOT NULL DEFAULT 'USD',
        stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
        category varchar(60),
        images jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await q.query(`CREATE INDEX products_shop_id ON products (shop_id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX products_category ON products (lower(category)) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX products_created_at ON products (created_at DESC) WHERE deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE products`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE shops`);
  }
}
