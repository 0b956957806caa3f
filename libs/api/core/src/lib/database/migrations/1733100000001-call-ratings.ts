import { MigrationInterface, QueryRunner } from 'typeorm';

/** A customer's rating of a call that connected and ended: once per call (the unique call id). */
export class CallRatings1733100000001 implements MigrationInterface {
  name = 'CallRatings1733100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE call_ratings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        call_id uuid NOT NULL UNIQUE REFERENCES calls(id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
        comment text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE call_ratings`);
  }
}
