import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import { RealtimeRedis } from '../realtime/realtime-redis';
import { InstanceDrain } from './instance-drain.service';

@ApiTags('health')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RealtimeRedis,
    private readonly drain: InstanceDrain,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up (whatever its database or Redis do)' })
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: the database answers, Redis too when REDIS_URL is set, and the instance is not shutting down (503 otherwise)',
  })
  @HealthCheck()
  ready() {
    const checks: HealthIndicatorFunction[] = [
      () => {
        const instance = this.indicators.check('instance');
        return this.drain.isDraining ? instance.down('shutting down') : instance.up();
      },
      () => this.db.pingCheck('database', { timeout: 3000 }),
    ];
    if (this.redis.client) {
      checks.push(async () => {
        const redis = this.indicators.check('redis');
        return (await this.redis.ping(1000)) ? redis.up() : redis.down('not reachable');
      });
    }
    return this.health.check(checks);
  }
}
