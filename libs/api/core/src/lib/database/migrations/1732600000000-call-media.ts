import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A call is connected when media flows, not when it is answered. Each side's device reports
 * whether its incoming media flows; the call is connected while both do. `connected_at` is the
 * first time, `media_since` the start of the current connected stretch and `talk_ms` the
 * connected time before it, so talk time leaves gaps out. An answered call that never
 * connects by `media_deadline_at` ends as `failed` / `media_failed`; one whose media stopped
 * at `media_lost_at` and never came back within the grace ends as `connection_lost`.
 * `call_quality_samples` keeps each side's periodic connection figures; `quality` is the
 * summary written when the call ends.
 */
export class CallMedia1732600000000 implements MigrationInterface {
  name = 'CallMedia1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE calls
        ADD COLUMN connected_at timestamptz,
        ADD COLUMN media_since timestamptz,
        ADD COLUMN talk_ms integer NOT NULL DEFAULT 0 CHECK (talk_ms >= 0),
        ADD COLUMN caller_media boolean NOT NULL DEFAULT false,
        ADD COLUMN callee_media boolean NOT NULL DEFAULT false,
        ADD COLUMN media_lost_at timestamptz,
        ADD COLUMN media_deadline_at timestamptz,
        ADD COLUMN quality jsonb`);
    await q.query(`ALTER TABLE calls DROP CONSTRAINT calls_end_reason_check`);
    await q.query(`
      ALTER TABLE calls ADD CONSTRAINT calls_end_reason_check CHECK (end_reason IN (
        'hangup', 'declined', 'cancelled', 'timeout', 'offline', 'busy', 'connection_lost', 'media_failed', 'error'))`);
    await q.query(
      `CREATE INDEX calls_media_deadline ON calls (media_deadline_at) WHERE status = 'accepted' AND connected_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE call_quality_samples (
        id bigserial PRIMARY KEY,
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        side varchar(6) NOT NULL CHECK (side IN ('caller', 'callee')),
        at timestamptz NOT NULL DEFAULT now(),
        rtt_ms real,
        loss_pct real,
        jitter_ms real,
        bitrate_kbps real,
        fps real,
        width integer,
        height integer,
        relayed boolean
      )`);
    await q.query(`CREATE INDEX call_quality_samples_call ON call_quality_samples (call_id, side, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE call_quality_samples`);
    await q.query(`DROP INDEX calls_media_deadline`);
    await q.query(`ALTER TABLE calls DROP CONSTRAINT calls_end_reason_check`);
    await q.query(`
      ALTER TABLE calls ADD CONSTRAINT calls_end_reason_check CHECK (end_reason IN (
        'hangup', 'declined', 'cancelled', 'timeout', 'offline', 'busy', 'connection_lost', 'error'))`);
    await q.query(`
      ALTER TABLE calls
        DROP COLUMN connected_at, DROP COLUMN media_since, DROP COLUMN talk_ms, DROP COLUMN caller_media,
        DROP COLUMN callee_media, DROP COLUMN media_lost_at, DROP COLUMN media_deadline_at, DROP COLUMN quality`);
  }
}
