import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { CallsModule } from '@callshop/api/calls';
import { CallMetricsCollector } from './call-metrics.collector';
import { CallshopMetrics } from './callshop-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';

/**
 * Operations metrics for Prometheus at `/metrics` (bearer `METRICS_TOKEN`): sockets, calls,
 * HTTP latency, webhook deliveries, process figures. See docs/deployment.md, "Metrics".
 */
@Module({
  imports: [CallsModule],
  controllers: [MetricsController],
  providers: [CallshopMetrics, CallMetricsCollector, MetricsTokenGuard],
  exports: [CallshopMetrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
