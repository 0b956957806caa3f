import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import {
  CallAnsweredEvent,
  CallConnectedEvent,
  CallEndedEvent,
  CallsNamespace,
  CallStartedEvent,
} from '@callshop/api/calls';
import { CallshopMetrics } from './callshop-metrics';

const seconds = (from: string | null, to: string | null): number | null =>
  from && to ? Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000) : null;

/**
 * Feeds the call metrics: the calls library's domain events (published on the instance that
 * made the change) become counters and histograms; the gauges are read when Prometheus scrapes.
 */
@Injectable()
export class CallMetricsCollector {
  constructor(
    private readonly metrics: CallshopMetrics,
    private readonly namespace: CallsNamespace,
    private readonly db: DataSource,
  ) {}

  @OnEvent(CallStartedEvent.NAME)
  onStarted(e: CallStartedEvent): void {
    this.metrics.callsStarted.inc({ initiated_by: e.record.initiatedBy });
  }

  @OnEvent(CallAnsweredEvent.NAME)
  onAnswered(e: CallAnsweredEvent): void {
    const wait = seconds(e.record.call.createdAt, e.record.call.answeredAt);
    if (wait !== null) this.metrics.ringToAnswer.observe(wait);
  }

  @OnEvent(CallConnectedEvent.NAME)
  onConnected(e: CallConnectedEvent): void {
    const setUp = seconds(e.record.call.answeredAt, e.record.call.connectedAt);
    if (setUp !== null) this.metrics.setUp.observe(setUp);
  }

  @OnEvent(CallEndedEvent.NAME)
  onEnded(e: CallEndedEvent): void {
    this.metrics.callsEnded.inc({ status: e.status, reason: e.reason ?? 'none' });
  }

  /**
   * Sockets connected here, and the calls ringing and live across all instances: the database
   * is the one place that knows them all (one query on the live-calls partial index).
   */
  async refresh(): Promise<void> {
    this.metrics.socketsConnected.set(this.namespace.server?.sockets.size ?? 0);
    const [row]: { ringing: string; answered: string; connected: string }[] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'ringing') AS ringing,
              count(*) FILTER (WHERE status = 'accepted' AND connected_at IS NULL) AS answered,
              count(*) FILTER (WHERE status = 'accepted' AND connected_at IS NOT NULL) AS connected
       FROM calls WHERE status IN ('ringing', 'accepted')`,
    );
    this.metrics.callsRinging.set(Number(row.ringing));
    this.metrics.callsLive.set({ connected: 'false' }, Number(row.answered));
    this.metrics.callsLive.set({ connected: 'true' }, Number(row.connected));
  }
}
