export * from './redis-io.adapter';
