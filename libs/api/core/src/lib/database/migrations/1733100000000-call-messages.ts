import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the two parties of a call send each other while it is live: text messages and the
 * product cards the shop sends (the product as it was then, so history survives a change or a
 * deletion). `client_id` is the sending device's id for the message: a resend after a
 * reconnect hits the unique index and is not stored twice.
 */
export class CallMessages1733100000000 implements MigrationInterface {
  name = 'CallMessages1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE call_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        sender_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        sender varchar(8) NOT NULL CHECK (sender IN ('customer', 'shop')),
        kind varchar(8) NOT NULL CHECK (kind IN ('text', 'product')),
        client_id uuid NOT NULL,
        text text,
        product jsonb,
        CHECK ((kind = 'text') = (text IS NOT NULL) AND (kind = 'product') = (product IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX call_messages_client ON call_messages (call_id, sender_id, client_id)`,
    );
    await q.query(`CREATE INDEX call_messages_call ON call_messages (call_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE call_messages`);
  }
}
