import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds from the first ring to the answer. */
const RING_BUCKETS = [1, 2, 3, 5, 8, 10, 15, 20, 30, 45, 60];
/** Seconds from the answer to media flowing both ways. */
const SETUP_BUCKETS = [0.25, 0.5, 1, 1.5, 2, 3, 5, 8, 13, 20];
/** Seconds to answer an HTTP request, or for a webhook endpoint to answer a delivery. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every metric this instance exposes on `/metrics`, in a registry of its own (not prom-client's
 * global one), so several servers in one process (the integration tests) never clash.
 *
 * Counters and histograms count what happened on this instance since it started; with several
 * instances Prometheus sums them. The call gauges are read from the database at scrape time
 * and are the same on every instance (see `CallMetricsCollector`).
 */
@Injectable()
export class CallshopMetrics {
  readonly registry = new Registry();

  readonly socketsConnected = new Gauge({
    name: 'callshop_sockets_connected',
    help: 'Socket.io clients connected to the /calls namespace of this instance',
    registers: [this.registry],
  });

  readonly callsRinging = new Gauge({
    name: 'callshop_calls_ringing',
    help: 'Calls ringing now, all instances (read from the database)',
    registers: [this.registry],
  });

  readonly callsLive = new Gauge({
    name: 'callshop_calls_live',
    help: 'Answered calls not yet ended, all instances (read from the database); connected: media flowing both ways once',
    labelNames: ['connected'] as const,
    registers: [this.registry],
  });

  readonly callsStarted = new Counter({
    name: 'callshop_calls_started_total',
    help: 'Calls that started ringing on this instance, by who placed them (a call missed at once is only counted as ended)',
    labelNames: ['initiated_by'] as const,
    registers: [this.registry],
  });

  readonly callsEnded = new Counter({
    name: 'callshop_calls_ended_total',
    help: 'Calls ended on this instance, by final status and end reason',
    labelNames: ['status', 'reason'] as const,
    registers: [this.registry],
  });

  readonly ringToAnswer = new Histogram({
    name: 'callshop_call_ring_to_answer_seconds',
    help: 'From the call starting to ring to its answer',
    buckets: RING_BUCKETS,
    registers: [this.registry],
  });

  readonly setUp = new Histogram({
    name: 'callshop_call_setup_seconds',
    help: 'From the answer to media flowing both ways (the call connected)',
    buckets: SETUP_BUCKETS,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'callshop_http_request_duration_seconds',
    help: 'REST requests answered by this instance, by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'callshop_webhook_deliveries_total',
    help: 'Webhook delivery attempts made by this instance, by event and outcome',
    labelNames: ['event', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly webhookDuration = new Histogram({
    name: 'callshop_webhook_delivery_duration_seconds',
    help: 'How long webhook endpoints took to answer (or to time out)',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    // Process figures (CPU, memory, event loop lag, heap) with the same prefix.
    collectDefaultMetrics({ register: this.registry, prefix: 'callshop_' });
  }
}
