import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Private notes of a shop's staff on a call, with tags. Shop-private: `shop_id` is the call's
 * shop, every read filters on it, and nothing a customer reads joins this table.
 */
export class CallNotes1733200000002 implements MigrationInterface {
  name = 'CallNotes1733200000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE call_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        shop_id uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        body varchar(2000) NOT NULL,
        tags text[] NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX call_notes_call ON call_notes (call_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE call_notes`);
  }
}
