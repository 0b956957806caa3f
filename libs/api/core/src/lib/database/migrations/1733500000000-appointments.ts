import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Booked video appointments: each shop's rules (slot length, buffer, how many staff take
 * appointments, reminder lead, change cutoff; no row: the defaults) and the appointments
 * themselves. An appointment keeps the product as it was booked (a later change or deletion
 * does not rewrite it) and the latest call started for it (`call_id`, one appointment per
 * call). Capacity is enforced by the booking transaction (a per-shop advisory lock), as a
 * slot's places depend on the shop's settings.
 */
export class Appointments1733500000000 implements MigrationInterface {
  name = 'Appointments1733500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shop_appointment_settings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        shop_id uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
        slot_minutes integer NOT NULL,
        buffer_minutes integer NOT NULL,
        capacity integer NOT NULL,
        reminder_lead_minutes integer NOT NULL,
        change_cutoff_minutes integer NOT NULL,
        CONSTRAINT shop_appointment_settings_shop UNIQUE (shop_id)
      )`);
    await q.query(`
      CREATE TABLE appointments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        shop_id uuid NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        product_id uuid REFERENCES products(id) ON DELETE SET NULL,
        product jsonb NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        occupied_until timestamptz NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'booked',
        note varchar(500),
        cancelled_by varchar(16),
        cancel_reason varchar(500),
        reschedule_count integer NOT NULL DEFAULT 0,
        reminded_for timestamptz,
        call_id uuid REFERENCES calls(id) ON DELETE SET NULL,
        joined_at timestamptz,
        CONSTRAINT appointments_times CHECK (ends_at > starts_at AND occupied_until >= ends_at)
      )`);
    await q.query(
      `CREATE INDEX appointments_shop_booked ON appointments (shop_id, starts_at) WHERE status = 'booked'`,
    );
    await q.query(`CREATE INDEX appointments_customer ON appointments (customer_id, starts_at)`);
    await q.query(`CREATE INDEX appointments_shop ON appointments (shop_id, starts_at)`);
    await q.query(`CREATE UNIQUE INDEX appointments_call ON appointments (call_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE appointments`);
    await q.query(`DROP TABLE shop_appointment_settings`);
  }
}
