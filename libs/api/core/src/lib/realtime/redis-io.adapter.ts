import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RealtimeRedis } from './realtime-redis';

/**
 * Socket.io over Redis: rooms, pushes and `fetchSockets()` span every API instance sharing
 * `REDIS_URL`, so presence and calls work behind a load balancer. The Redis Streams adapter
 * (rather than the pub/sub one) keeps room changes and broadcasts in a stream, so an instance
 * whose Redis connection drops reads what it missed once it is back; requests that need an
 * answer from every instance (`fetchSockets()`) fail while Redis is away (after 5 s at most).
 */
export class RedisIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly redis: RealtimeRedis,
  ) {
    super(app);
  }

  override createIOServer(
    ...args: Parameters<IoAdapter['createIOServer']>
  ): ReturnType<IoAdapter['createIOServer']> {
    const server = super.createIOServer(...args);
    // The Nest adapter may carry its own copy of socket.io's types: the adapter is the same at run time.
    server.adapter(
      createAdapter(this.redis.adapterClient(), {
        streamName: 'callshop',
        channelPrefix: 'callshop',
      }) as never,
    );
    return server;
  }
}
