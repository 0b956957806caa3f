import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { WebhookEventEnvelope, WebhookEventType } from '@callshop/contracts';
import { integrationsConfig, JobQueue } from '@callshop/api/core';
import { CallshopMetrics } from '../metrics/callshop-metrics';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { sendWebhook } from './webhook-sender';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';

/** The job queue's name for deliveries. */
export const WEBHOOK_QUEUE = 'webhook-delivery';

/**
 * Retries after the first attempt, with exponential backoff from `WEBHOOK_RETRY_DELAY` seconds
 * (jittered, doubling) capped at an hour: with the default 30 s a delivery is tried for about five hours.
 */
export const WEBHOOK_RETRIES = 10;

interface DeliveryJob {
  deliveryId: string;
}

/**
 * Sends a shop's events to the endpoints that picked them: each event becomes one delivery per
 * endpoint (the signed body is stored, so every attempt and a redelivery send the same bytes),
 * queued in PostgreSQL ({@link JobQueue}) and tried until a 2xx answer or out of retries. Any
 * instance may send any delivery.
 *
 * Other features publish with {@link publish} (the orders feature: `order.placed`, once the
 * name is added to `WEBHOOK_EVENTS`).
 */
@Injectable()
export class WebhookPublisher implements OnApplicationBootstrap {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    @InjectRepository(WebhookAttempt) private readonly attempts: Repository<WebhookAttempt>,
    @Inject(integrationsConfig.KEY) private readonly config: ConfigType<typeof integrationsConfig>,
    private readonly jobs: JobQueue,
    private readonly metrics: CallshopMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.declare<DeliveryJob>(
      WEBHOOK_QUEUE,
      {
        retryLimit: WEBHOOK_RETRIES,
        retryDelaySeconds: this.config.webhooks.retryDelaySeconds,
        retryDelayMaxSeconds: 3600,
        expireInSeconds: Math.ceil(this.config.webhooks.timeoutMs / 1000) + 60,
      },
      (job, ctx) => this.attempt(job.deliveryId, ctx.retryCount >= ctx.retryLimit),
      { pollingIntervalSeconds: this.config.webhooks.pollingIntervalSeconds },
    );
  }

  /**
   * Queues `type` with `data` for every enabled endpoint of the shop that picked it. Never
   * throws: a failure to queue is logged, and the change that raised the event stands.
   */
  async publish<T>(shopId: string, type: WebhookEventType, data: T): Promise<void> {
    try {
      const targets = await this.endpoints
        .createQueryBuilder('e')
        .where('e.shop_id = :shopId AND e.enabled AND :type = ANY(e.events)', { shopId, type })
        .getMany();
      if (targets.length === 0) return;
      const envelope: WebhookEventEnvelope<T> = {
        id: randomUUID(),
        type,
        createdAt: new Date().toISOString(),
        shopId,
        data,
      };
      const body = JSON.stringify(envelope);
      for (const endpoint of targets) {
        await this.enqueue({ endpointId: endpoint.id, eventId: envelope.id, event: type, body });
      }
    } catch (error) {
      this.logger.error(`Could not queue ${type} for shop ${shopId}: ${(error as Error).message}`);
    }
  }

  /** Sends a delivery's body again, as a new delivery with its own log (same event id). */
  async redeliver(original: WebhookDelivery): Promise<WebhookDelivery> {
    return this.enqueue({
      endpointId: original.endpointId,
      eventId: original.eventId,
      event: original.event,
      body: original.body,
      redeliveryOf: original.id,
    });
  }

  private async enqueue(
    delivery: Pick<WebhookDelivery, 'endpointId' | 'eventId' | 'event' | 'body'> & { redeliveryOf?: string },
  ): Promise<WebhookDelivery> {
    const saved = await this.deliveries.save(
      this.deliveries.create({ ...delivery, redeliveryOf: delivery.redeliveryOf ?? null, status: 'pending' }),
    );
    await this.jobs.send<DeliveryJob>(WEBHOOK_QUEUE, { deliveryId: saved.id });
    return saved;
  }

  /** One attempt; throws to have the queue retry it later. */
  private async attempt(deliveryId: string, last: boolean): Promise<void> {
    const delivery = await this.deliveries.findOne({
      where: { id: deliveryId },
      relations: { endpoint: true },
    });
    // Deleted with its endpoint, or already answered: nothing to send.
    if (!delivery?.endpoint || delivery.status !== 'pending') return;
    const { endpoint } = delivery;
    const timestamp = Math.floor(Date.now() / 1000);
    const result = await sendWebhook({
      url: endpoint.url,
      body: delivery.body,
      timeoutMs: this.config.webhooks.timeoutMs,
      allowPrivate: this.config.webhooks.allowPrivateTargets,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Callshop-Webhooks/1',
        'Callshop-Event': delivery.event,
        'Callshop-Event-Id': delivery.eventId,
        'Callshop-Delivery': delivery.id,
        [SIGNATURE_HEADER]: signWebhook(endpoint.secret, timestamp, delivery.body),
      },
    });
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const refused = !ok && (result.error ?? '').startsWith('refused');
    await this.attempts.save(
      this.attempts.create({
        deliveryId,
        responseStatus: result.status,
        durationMs: result.durationMs,
        error: result.error ?? (ok ? null : `answered ${result.status}`),
      }),
    );
    this.metrics.webhookDuration.observe(result.durationMs / 1000);
    this.metrics.webhookDeliveries.inc({
      event: delivery.event,
      outcome: ok ? 'delivered' : refused ? 'refused' : 'failed',
    });
    if (ok) {
      await this.deliveries.update(deliveryId, { status: 'delivered', deliveredAt: new Date() });
      return;
    }
    // A refused address stays refused: no point retrying.
    if (refused || last) {
      await this.deliveries.update(deliveryId, { status: 'failed' });
      return;
    }
    throw new Error(`Delivery ${deliveryId}: ${result.error ?? `answered ${result.status}`}`);
  }
}
