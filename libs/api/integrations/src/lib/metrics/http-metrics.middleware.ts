import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CallshopMetrics } from './callshop-metrics';

/**
 * Times every HTTP request and records it under its route template (`/api/v2/calls/:id`),
 * never the raw path, so ids do not multiply the series; anything no route matched (static
 * files, unknown paths) is counted as `unmatched`.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: CallshopMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const template = (req.route as { path?: unknown } | undefined)?.path;
      end({
        method: req.method,
        route: typeof template === 'string' ? `${req.baseUrl}${template}` : 'unmatched',
        status: String(res.statusCode),
      });
    });
    next();
  }
}
