import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calls between a customer and a shop, and customers' callback requests. The partial indexes
 * serve the history pages, the "live calls of a user / shop" checks and the ring-deadline
 * sweep; `calls_one_live_per_customer` makes "one live call per customer" hold in the database.
 */
export class Calls1732500000000 implements MigrationInterface {
  name = 'Calls1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        shop_id uuid NOT NULL REFERENCES shops(id) ON DELETE RESTRICT,
        staff_id uuid REFERENCES users(id) ON DELETE SET NULL,
        product_id uuid REFERENCES products(id) ON DELETE SET NULL,
        product_name varchar(200),
        product_price integer,
        product_currency char(3),
        product_image text,
        type varchar(8) NOT NULL CHECK (type IN ('video', 'audio')),
        initiated_by varchar(8) NOT NULL CHECK (initiated_by IN ('customer', 'shop')),
        status varchar(16) NOT NULL
          CHECK (status IN ('ringing', 'accepted', 'declined', 'cancelled', 'missed', 'busy', 'ended', 'failed')),
        end_reason varchar(24)
          CHECK (end_reason IN ('hangup', 'declined', 'cancelled', 'timeout', 'offline', 'busy', 'connection_lost', 'error')),
        caller_device_id varchar(64),
        callee_device_id varchar(64),
        caller_lost_at timestamptz,
        callee_lost_at timestamptz,
        ring_deadline_at timestamptz,
        answered_at timestamptz,
        ended_at timestamptz,
        duration_seconds integer CHECK (duration_seconds >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT calls_final_has_reason CHECK ((status IN ('ringing', 'accepted')) = (end_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX calls_customer_history ON calls (customer_id, created_at DESC)`);
    await q.query(`CREATE INDEX calls_shop_history ON calls (shop_id, created_at DESC)`);
    await q.query(`CREATE INDEX calls_shop_status ON calls (shop_id, status, created_at DESC)`);
    await q.query(
      `CREATE UNIQUE INDEX calls_one_live_per_customer ON calls (customer_id) WHERE status IN ('ringing', 'accepted')`,
    );
    await q.query(
      `CREATE INDEX calls_live_staff ON calls (staff_id) WHERE status IN ('ringing', 'accepted')`,
    );
    await q.query(`CREATE INDEX calls_ring_deadline ON calls (ring_deadline_at) WHERE status = 'ringing'`);
    await q.query(`
      CREATE TABLE callback_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        shop_id uuid NOT NULL REFERENCES shops(id) ON DELETE RESTRICT,
        product_id uuid REFERENCES products(id) ON DELETE SET NULL,
        product_name varchar(200),
        product_price integer,
        product_currency char(3),
        product_image text,
        note varchar(500),
        preference varchar(8) NOT NULL CHECK (preference IN ('phone', 'video')),
        phone_number varchar(32),
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
        handled_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        handled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX callback_requests_shop ON callback_requests (shop_id, status, created_at DESC)`,
    );
    await q.query(
      `CREATE INDEX callback_requests_customer ON callback_requests (customer_id, created_at DESC)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX callback_requests_one_open ON callback_requests (customer_id, shop_id) WHERE status = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE callback_requests`);
    await q.query(`DROP TABLE calls`);
  }
}
