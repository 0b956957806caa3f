export * from './redis-io.adapter';
export * from './realtime-redis';
