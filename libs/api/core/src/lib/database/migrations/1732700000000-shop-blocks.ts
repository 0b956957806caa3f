import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customers a shop blocked: one row per shop and customer. A customer's call or callback
 * request to the shop is looked up by `(shop_id, customer_id)` before anything else is written.
 */
export class ShopBlocks1732700000000 implements MigrationInterface {
  name = 'ShopBlocks1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shop_blocks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        shop_id uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        blocked_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        CONSTRAINT shop_blocks_shop_customer UNIQUE (shop_id, customer_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE shop_blocks`);
  }
}
