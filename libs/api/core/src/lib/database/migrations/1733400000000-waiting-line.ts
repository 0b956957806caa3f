import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A shop's waiting line: customers who wait for a free staff member, in the order they joined
 * (`seq`, a sequence, so the order holds across API instances). One waiting entry per
 * customer; `away_since` is when the sweep last found none of their devices connected.
 */
export class WaitingLine1733400000000 implements MigrationInterface {
  name = 'WaitingLine1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE waiting_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        seq bigserial NOT NULL,
        shop_id uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        product_id uuid REFERENCES products(id) ON DELETE SET NULL,
        type varchar(8) NOT NULL CHECK (type IN ('video', 'audio')),
        status varchar(16) NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'rung', 'left', 'dropped')),
        end_reason varchar(16),
        device_id varchar(64),
        away_since timestamptz,
        call_id uuid REFERENCES calls(id) ON DELETE SET NULL,
        joined_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        left_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX waiting_line_one_per_customer ON waiting_line (customer_id) WHERE status = 'waiting'`,
    );
    await q.query(`CREATE INDEX waiting_line_order ON waiting_line (shop_id, seq) WHERE status = 'waiting'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE waiting_line`);
  }
}
