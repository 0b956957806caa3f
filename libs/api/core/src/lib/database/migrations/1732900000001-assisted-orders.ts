import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The connected call that led to an order: the most recent call between the customer and the
 * order's shop that connected and had not ended more than 24 hours before checkout.
 */
export class AssistedOrders1732900000001 implements MigrationInterface {
  name = 'AssistedOrders1732900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE orders ADD COLUMN assisted_by_call_id uuid REFERENCES calls(id) ON DELETE SET NULL`,
    );
    await q.query(
      `CREATE INDEX orders_assisted_by_call ON orders (assisted_by_call_id) WHERE assisted_by_call_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders DROP COLUMN assisted_by_call_id`);
  }
}
