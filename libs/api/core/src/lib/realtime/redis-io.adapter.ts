import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';

/**
 * Socket.io over Redis: rooms, pushes and `fetchSockets()` span every API instance sharing
 * `redisUrl`, so presence and calls work behind a load balancer. Installed at start-up when
 * `REDIS_URL` is set; the clients connect at once (commands wait for the connection) and
 * are closed with the application.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly clients: Redis[];

  constructor(app: INestApplicationContext, redisUrl: string) {
    super(app);
    const pub = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
    this.clients = [pub, pub.duplicate()];
  }

  override createIOServer(
    ...args: Parameters<IoAdapter['createIOServer']>
  ): ReturnType<IoAdapter['createIOServer']> {
    const server = super.createIOServer(...args);
    // The Nest adapter may carry its own copy of socket.io's types: the adapter is the same at run time.
    server.adapter(createAdapter(this.clients[0], this.clients[1], { key: 'callshop' }) as never);
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all(this.clients.map((c) => c.quit().catch(() => undefined)));
  }
}
