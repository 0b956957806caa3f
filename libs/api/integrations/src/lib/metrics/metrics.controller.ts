import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { ApiErrors } from '@callshop/api/core';
import { CallMetricsCollector } from './call-metrics.collector';
import { CallshopMetrics } from './callshop-metrics';
import { MetricsTokenGuard } from './metrics-token.guard';

/** Prometheus scrapes this instance at `/metrics` (outside the `/api/v2` prefix). */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
@UseGuards(MetricsTokenGuard)
export class MetricsController {
  constructor(
    private readonly metrics: CallshopMetrics,
    private readonly calls: CallMetricsCollector,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({
    summary: "This instance's figures in the Prometheus text format (sockets, calls, HTTP, webhooks)",
    description:
      'Needs `Authorization: Bearer <METRICS_TOKEN>`; answers 404 while `METRICS_TOKEN` is unset. See docs/deployment.md, "Metrics".',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', type: String })
  @ApiErrors(401, 404)
  async scrape(): Promise<string> {
    await this.calls.refresh();
    return this.metrics.registry.metrics();
  }
}
