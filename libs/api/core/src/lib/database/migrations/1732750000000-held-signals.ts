import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The caller's negotiation (its offer and first candidates) sent while the call rings, held for
 * the device that answers and handed to it with the answer; cleared then, and when the call ends.
 */
export class HeldSignals1732750000000 implements MigrationInterface {
  name = 'HeldSignals1732750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls ADD COLUMN held_signals jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls DROP COLUMN held_signals`);
  }
}
