import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis every integration test talks to: scripts/test.mjs finds or starts one. */
export function testRedisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url)
    throw new Error('REDIS_URL is not set: run the suite with `npm test`, which finds or starts Redis');
  return url;
}

/** A key prefix no other test shares, so tests running side by side never see each other's keys. */
export const uniquePrefix = (label = 'test'): string => `t:${label}:${randomUUID().slice(0, 8)}:`;

export interface TestRedis {
  redis: Redis;
  prefix: string;
  /** Deletes every key under the prefix and closes the connection. */
  cleanup(): Promise<void>;
}

export async function connectTestRedis(label?: string): Promise<TestRedis> {
  // Plain ioredis on purpose: @hark/core's own tests use this package, so it must not depend on core.
  const redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const prefix = uniquePrefix(label);
  return {
    redis,
    prefix,
    async cleanup() {
      await deleteByPrefix(redis, prefix);
      redis.disconnect();
    },
  };
}

export async function deleteByPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
