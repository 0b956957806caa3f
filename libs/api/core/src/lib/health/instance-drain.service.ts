import { Inject, Injectable, Logger, OnApplicationShutdown, type INestApplication } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { appConfig } from '../config/app.config';

/**
 * Published when this instance is about to stop and the balancer has had time to see it
 * unready: features move their connections to the other instances (the calls gateway tells
 * its sockets to reconnect). Listeners may return a promise; shutdown waits for it.
 */
export class InstanceDrainingEvent {
  static readonly NAME = 'instance.draining';
}

/**
 * `SIGTERM` with several instances (`REDIS_URL`): readiness turns 503 at once, so the balancer
 * stops sending new connections here; after `SHUTDOWN_DRAIN_MS` (its health checks' interval
 * times their fall count, or more) {@link InstanceDrainingEvent} moves the live connections,
 * then the application closes. A single instance has nowhere to send anyone and closes at once.
 */
@Injectable()
export class InstanceDrain implements OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private draining = false;
  private signalled: (() => void) | null = null;

  constructor(
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    private readonly events: EventEmitter2,
  ) {}

  get isDraining(): boolean {
    return this.draining;
  }

  /** Drains, then closes `application`, on the first `SIGTERM` (the others are Nest's). */
  closeOnSigterm(application: INestApplication): void {
    this.signalled = () => {
      this.signalled = null;
      void this.drain()
        .catch((e: Error) => this.logger.warn(`Draining failed: ${e.message}`))
        .then(() => application.close())
        .then(
          () => process.exit(0),
          (e: Error) => {
            this.logger.error(`Shutdown failed: ${e.message}`);
            process.exit(1);
          },
        );
    };
    process.once('SIGTERM', this.signalled);
  }

  async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    if (!this.app.redisUrl) return;
    const waitMs = this.app.shutdownDrainMs;
    this.logger.log(`Draining: not ready any more; moving connections to other instances in ${waitMs} ms`);
    await new Promise((r) => setTimeout(r, waitMs));
    const started = Date.now();
    await this.events.emitAsync(InstanceDrainingEvent.NAME, new InstanceDrainingEvent());
    this.logger.log(`Drained in ${Date.now() - started} ms`);
  }

  onApplicationShutdown(): void {
    if (this.signalled) process.off('SIGTERM', this.signalled);
    this.signalled = null;
  }
}
