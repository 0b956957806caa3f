import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for a shop's analytics over a period. Calls and orders already have
 * `(shop_id, created_at)` indexes; callback requests were indexed by status first, which
 * serves the open list but not "made in the period" or "closed in the period".
 */
export class AnalyticsIndexes1733200000000 implements MigrationInterface {
  name = 'AnalyticsIndexes1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX callback_requests_shop_created ON callback_requests (shop_id, created_at)`);
    await q.query(
      `CREATE INDEX callback_requests_shop_handled ON callback_requests (shop_id, handled_at) WHERE handled_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX callback_requests_shop_handled`);
    await q.query(`DROP INDEX callback_requests_shop_created`);
  }
}
