import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Redis } from 'ioredis';
import { appConfig } from '../config/app.config';

/**
 * The Redis connection that lets several API instances share Socket.io rooms (only with
 * `REDIS_URL`). While Redis is away, commands fail after a few reconnection attempts instead
 * of waiting for ever, the outage is logged once (not on every retry), and readiness reports
 * it; the clients reconnect by themselves when it is back.
 */
@Injectable()
export class RealtimeRedis implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly clients: Redis[] = [];
  private down = false;
  /** Null without `REDIS_URL`: one instance, nothing shared. */
  readonly client: Redis | null;

  constructor(@Inject(appConfig.KEY) app: ConfigType<typeof appConfig>) {
    this.client = app.redisUrl ? this.watch(new Redis(app.redisUrl, { maxRetriesPerRequest: 3 })) : null;
  }

  /**
   * The client to hand to the Socket.io adapter. The streams adapter publishes its ephemeral
   * messages (server-side emits, `fetchSockets()` requests) without waiting for the reply, so
   * a failed `PUBLISH` would be an unhandled rejection and stop the process; here it is logged
   * and counts as "nobody received it" (the request then times out and its caller is told).
   * Its duplicates (the stream reader, the subscriber) report their errors here too.
   */
  adapterClient(): Redis {
    const client = this.client;
    if (!client) throw new Error('REDIS_URL is not set');
    return new Proxy(client, {
      get: (target, prop) => {
        if (prop === 'publish' || prop === 'spublish') {
          return (...args: unknown[]) =>
            (target[prop] as (...a: unknown[]) => Promise<number>)(...args).catch((e: Error) => {
              this.logger.debug(`PUBLISH failed: ${e.message}`);
              return 0;
            });
        }
        if (prop === 'duplicate') return () => this.watch(target.duplicate());
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /** Whether Redis answers a PING within `timeoutMs` (true without `REDIS_URL`: nothing to wait for). */
  async ping(timeoutMs: number): Promise<boolean> {
    const client = this.client;
    if (!client) return true;
    if (client.status !== 'ready') return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        client.ping().then((r) => r === 'PONG'),
        new Promise<boolean>((ok) => (timer = setTimeout(() => ok(false), timeoutMs))),
      ]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.quit().catch(() => c.disconnect())));
  }

  private watch(client: Redis): Redis {
    this.clients.push(client);
    client.on('error', (e: Error) => {
      if (this.down) return;
      this.down = true;
      this.logger.warn(`Redis unreachable (${e.message}); retrying`);
    });
    client.on('ready', () => {
      if (!this.down) return;
      this.down = false;
      this.logger.log('Redis reachable again');
    });
    return client;
  }
}
