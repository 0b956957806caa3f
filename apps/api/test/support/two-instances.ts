import { startRedis } from './redis-server';
import { createTestEnvironment, type TestEnvironment } from './test-environment';

export interface TwoInstances {
  /** The first instance; it made the database. */
  a: TestEnvironment;
  /** The second instance, on the same database and Redis. */
  b: TestEnvironment;
  /**
   * True when both instances run; false, with a warning naming `skipped`, when no Redis could be
   * had (no `redis-server` and TEST_REDIS_URL unset): the test then returns early.
   */
  ready(skipped: string): boolean;
}

/**
 * Boots two API instances on one database sharing a throwaway Redis (the Socket.io adapter,
 * presence and limits go through it) before the file's tests, and stops them after.
 * Call it at the top of a `describe`; `env` overrides configuration for both instances.
 */
export function twoInstancesSharingRedis(label: string, env: Record<string, string> = {}): TwoInstances {
  let redis: Awaited<ReturnType<typeof startRedis>> = null;
  const instances: TwoInstances = {
    a: undefined as unknown as TestEnvironment,
    b: undefined as unknown as TestEnvironment,
    ready(skipped) {
      if (!redis) console.warn(`redis-server not found and TEST_REDIS_URL unset: ${skipped} skipped`);
      return redis !== null;
    },
  };
  beforeAll(async () => {
    redis = await startRedis();
    if (!redis) return;
    const shared = { ...env, REDIS_URL: redis.url };
    instances.a = await createTestEnvironment({ label, env: shared });
    instances.b = await createTestEnvironment({
      databaseUrl: instances.a.databaseUrl,
      keepDatabase: true,
      env: shared,
    });
  });
  afterAll(async () => {
    await instances.b?.close();
    await instances.a?.close();
    redis?.stop();
  });
  return instances;
}
