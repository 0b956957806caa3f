import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff members who declined a customer's ringing call. One staff member's decline stops
 * the call ringing for them only; the call ends `declined` once every staff member it rings
 * has declined, decided in the same UPDATE that adds the decline (see `STAFF_DECLINE`).
 */
export class CallDeclines1732800000000 implements MigrationInterface {
  name = 'CallDeclines1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls ADD COLUMN declined_staff uuid[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls DROP COLUMN declined_staff`);
  }
}
