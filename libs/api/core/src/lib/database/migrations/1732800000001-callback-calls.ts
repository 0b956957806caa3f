import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The call a seller placed from a callback request ("Call back" on the request): when that
 * call is completed (it connected and ended), the request closes itself as `called_back`.
 * "Mark done" without a call stays `done`, which customers are not told is a call back.
 */
export class CallbackCalls1732800000001 implements MigrationInterface {
  name = 'CallbackCalls1732800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE callback_requests ADD COLUMN call_id uuid REFERENCES calls(id) ON DELETE SET NULL`,
    );
    await q.query(`CREATE INDEX callback_requests_call_id ON callback_requests (call_id)`);
    await q.query(`ALTER TABLE callback_requests DROP CONSTRAINT callback_requests_status_check`);
    await q.query(
      `ALTER TABLE callback_requests ADD CONSTRAINT callback_requests_status_check
         CHECK (status IN ('open', 'called_back', 'done', 'cancelled'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE callback_requests DROP CONSTRAINT callback_requests_status_check`);
    await q.query(`UPDATE callback_requests SET status = 'done' WHERE status = 'called_back'`);
    await q.query(
      `ALTER TABLE callback_requests ADD CONSTRAINT callback_requests_status_check
         CHECK (status IN ('open', 'done', 'cancelled'))`,
    );
    await q.query(`ALTER TABLE callback_requests DROP COLUMN call_id`);
  }
}
