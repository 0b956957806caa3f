import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobsModule } from '@callshop/api/core';
import { AuthModule, User } from '@callshop/api/auth';
import { MetricsModule } from '../metrics/metrics.module';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEventsListener } from './webhook-events.listener';
import { WebhookPublisher } from './webhook-publisher';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Signed webhooks: shop owners register endpoints, events are delivered through the
 * PostgreSQL job queue with retries, each attempt is logged. {@link WebhookPublisher} is
 * exported for other features' events (e.g. `order.placed`).
 */
@Module({
  imports: [
    AuthModule,
    JobsModule,
    MetricsModule,
    TypeOrmModule.forFeature([WebhookEndpoint, WebhookDelivery, WebhookAttempt, User]),
  ],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookPublisher, WebhookEventsListener],
  exports: [WebhookPublisher],
})
export class WebhooksModule {}
