import { setTimeout as sleep } from 'node:timers/promises';
import { keySpace, type RedisClient } from '@hark/core';
import { connectTestRedis, type TestRedis } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entitlementsServiceKeys } from '../entitlements-service-keys.js';
import { LockBusyError, withRedisLock } from './redis-lock.js';

let testRedis: TestRedis;
let redis: RedisClient;
let lockKey: string;
beforeEach(async () => {
  testRedis = await connectTestRedis('redis-lock');
  redis = testRedis.redis as RedisClient;
  lockKey = entitlementsServiceKeys(keySpace(testRedis.prefix)).stripeCustomerLock('cus_lock');
});
afterEach(() => testRedis.cleanup());

describe('withRedisLock', () => {
  it('keeps the lock past its TTL while the work runs, then releases it', async () => {
    let secondTried: Promise<unknown> = Promise.resolve();
    await withRedisLock(redis, lockKey, { ttlMs: 300, waitMs: 0 }, async () => {
      await sleep(1_000); // more than three TTLs: only renewal keeps the lock this long
      secondTried = withRedisLock(redis, lockKey, { ttlMs: 300, waitMs: 0 }, async () => 'second');
      await expect(secondTried).rejects.toBeInstanceOf(LockBusyError);
      expect(await redis.pttl(lockKey)).toBeGreaterThan(0);
    });
    await secondTried.catch(() => undefined);
    expect(await redis.exists(lockKey)).toBe(0);
    await expect(withRedisLock(redis, lockKey, { ttlMs: 300, waitMs: 0 }, async () => 'free')).resolves.toBe(
      'free',
    );
  });

  it('frees the lock of a holder that died within the TTL, so a waiter gets it', async () => {
    // A crashed holder: its token is in Redis, and nobody renews it any more.
    await redis.set(lockKey, 'token-of-a-dead-worker', 'PX', 400);
    const started = performance.now();
    const result = await withRedisLock(
      redis,
      lockKey,
      { ttlMs: 400, waitMs: 2_000 },
      async () => 'taken over',
    );
    expect(result).toBe('taken over');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('never renews a lock that another holder took after this one lost it', async () => {
    await withRedisLock(redis, lockKey, { ttlMs: 300, waitMs: 0 }, async () => {
      await redis.set(lockKey, 'someone-else', 'PX', 5_000); // as if ours had expired meanwhile
      await sleep(250);
    });
    expect(await redis.get(lockKey)).toBe('someone-else');
    // Untouched: a renewal to our 300 ms TTL would have cut it short.
    expect(await redis.pttl(lockKey)).toBeGreaterThan(4_000);
  });
});
