import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A shop's opening hours: a weekly schedule as wall-clock times in the shop's IANA time zone,
 * and whole days closed. At most one row per shop; a shop without one is always open.
 */
export class OpeningHours1732800000002 implements MigrationInterface {
  name = 'OpeningHours1732800000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shop_opening_hours (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        shop_id uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
        time_zone varchar(64) NOT NULL,
        weekly jsonb NOT NULL,
        closures jsonb NOT NULL,
        CONSTRAINT shop_opening_hours_shop UNIQUE (shop_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE shop_opening_hours`);
  }
}
