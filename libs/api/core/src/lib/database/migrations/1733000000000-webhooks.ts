import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks: a shop's endpoints (URL, the events it picked, its signing secret), one delivery
 * per event and endpoint (the exact body signed, so every attempt and a redelivery send the
 * same bytes), and each attempt's answer. The job queue that sends them (pg-boss) keeps its
 * own tables in the `pgboss` schema, which it creates and migrates itself at start.
 */
export class Webhooks1733000000000 implements MigrationInterface {
  name = 'Webhooks1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        shop_id uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
        url varchar(2048) NOT NULL,
        description varchar(200),
        events text[] NOT NULL,
        secret varchar(100) NOT NULL,
        enabled boolean NOT NULL DEFAULT true
      )`);
    await q.query(`CREATE INDEX webhook_endpoints_shop ON webhook_endpoints (shop_id)`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event varchar(40) NOT NULL,
        body text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending',
        delivered_at timestamptz,
        redelivery_of uuid REFERENCES webhook_deliveries(id) ON DELETE SET NULL
      )`);
    await q.query(
      `CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC)`,
    );
    await q.query(`
      CREATE TABLE webhook_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        response_status integer,
        duration_ms integer NOT NULL,
        error varchar(300)
      )`);
    await q.query(`CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_attempts`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_endpoints`);
  }
}
