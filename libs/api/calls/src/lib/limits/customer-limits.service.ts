import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { appConfig, callsConfig, RateLimitedException } from '@callshop/api/core';

const MINUTE_SECONDS = 60;

/**
 * How often one customer may reach shops, counted per user (whatever their sockets, devices,
 * addresses or the API instance they reach), over REST and the socket alike:
 * `CUSTOMER_CALLS_PER_MINUTE` calls and callback requests in all, and
 * `SHOP_RINGS_PER_CUSTOMER_PER_MINUTE` calls to any one shop. With `REDIS_URL` the counters
 * live in Redis, so every instance counts together; while Redis is unreachable each instance
 * falls back to counting on its own rather than refusing everyone. Without it, in process.
 */
@Injectable()
export class CustomerLimits implements OnApplicationShutdown {
  private readonly logger = new Logger('CustomerLimits');
  private readonly redis: Redis | null;
  private redisDown = false;
  private readonly contacts: RateLimiterAbstract;
  private readonly rings: RateLimiterAbstract;

  constructor(
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
    @Inject(callsConfig.KEY) calls: ConfigType<typeof callsConfig>,
  ) {
    this.redis = app.redisUrl ? this.connect(app.redisUrl) : null;
    this.contacts = this.limiter('contacts', calls.limits.callsPerMinute);
    this.rings = this.limiter('rings', calls.limits.ringsPerShopPerMinute);
  }

  /** Counts a customer's call to a shop; throws {@link RateLimitedException} past either limit. */
  async call(customerId: string, shopId: string): Promise<void> {
    await this.take(this.contacts, customerId, 'Too many calls and callback requests');
    await this.take(this.rings, `${customerId}:${shopId}`, 'Too many calls to this shop');
  }

  /** Counts a customer's callback request; throws {@link RateLimitedException} past the limit. */
  async callback(customerId: string): Promise<void> {
    await this.take(this.contacts, customerId, 'Too many calls and callback requests');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }

  private async take(limiter: RateLimiterAbstract, key: string, what: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw new RateLimitedException(what, e.msBeforeNext);
      throw e;
    }
  }

  private limiter(name: string, points: number): RateLimiterAbstract {
    const options = { keyPrefix: `callshop:limit:${name}`, points, duration: MINUTE_SECONDS };
    if (!this.redis) return new RateLimiterMemory(options);
    return new RateLimiterRedis({
      ...options,
      storeClient: this.redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  }

  private connect(url: string): Redis {
    const client = new Redis(url, { maxRetriesPerRequest: 1 });
    client.on('error', (e: Error) => {
      if (this.redisDown) return;
      this.redisDown = true;
      this.logger.warn(`Redis unreachable (${e.message}): limits count per instance until it is back`);
    });
    client.on('ready', () => {
      if (this.redisDown) this.logger.log('Redis reachable again: limits count across instances');
      this.redisDown = false;
    });
    return client;
  }
}
