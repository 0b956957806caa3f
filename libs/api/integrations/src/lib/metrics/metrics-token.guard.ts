import { timingSafeEqual } from 'node:crypto';
import {
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Request } from 'express';
import { integrationsConfig } from '@callshop/api/core';

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * `/metrics` is for the operator's Prometheus only: it answers 404 while `METRICS_TOKEN` is
 * unset, and 401 to a request without `Authorization: Bearer <METRICS_TOKEN>`.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(
    @Inject(integrationsConfig.KEY) private readonly config: ConfigType<typeof integrationsConfig>,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const token = this.config.metricsToken;
    if (!token) throw new NotFoundException('Metrics are off (METRICS_TOKEN is not set)');
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const [scheme, given] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !given || !same(given, token)) {
      throw new UnauthorizedException('A valid metrics token is required');
    }
    return true;
  }
}
