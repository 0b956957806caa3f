import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A covering index for a shop's analytics: every column the figures read, so a shop's 90 days
 * of calls are an index-only scan. A shop's calls are spread over the whole table, so without
 * it every call costs a page read (335 ms for the 5,000 calls of one shop among a million;
 * 11 ms with it, see docs/performance.md). Built without CONCURRENTLY, it holds writes to
 * `calls` while it builds (about 15 s per million calls on a busy machine). `id` is there for
 * the join to the customers' ratings.
 */
export class CallsAnalyticsIndex1733200000001 implements MigrationInterface {
  name = 'CallsAnalyticsIndex1733200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX calls_shop_analytics ON calls (shop_id, created_at)
         INCLUDE (initiated_by, status, end_reason, answered_at, duration_seconds, staff_id, product_id, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX calls_shop_analytics`);
  }
}
