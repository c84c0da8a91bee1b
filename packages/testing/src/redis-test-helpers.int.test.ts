import { Cluster } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectTestRedis,
  createTestRedisClient,
  deleteKeys,
  keysMatching,
  type TestRedis,
  type TestRedisClient,
  testClusterNodes,
  testRedisEnv,
} from './redis-test-helpers.js';

const opened: TestRedisClient[] = [];
afterEach(() => {
  for (const client of opened.splice(0)) client.disconnect();
});

/** Keys under the prefix with many different hash tags: on a Redis Cluster they land on every master. */
async function spreadKeys(testRedis: TestRedis, count = 30): Promise<string[]> {
  const keys = Array.from({ length: count }, (_, i) => `${testRedis.prefix}{user-${i}}:k`);
  await Promise.all(keys.map((key) => testRedis.redis.set(key, 'x')));
  return keys;
}

describe('the suite Redis', () => {
  it('is a Redis Cluster client exactly on the cluster run (REDIS_CLUSTER_NODES)', async () => {
    const testRedis = await connectTestRedis('helpers');
    try {
      expect(testRedis.redis instanceof Cluster).toBe(testClusterNodes() !== null);
      expect(Object.keys(testRedisEnv())).toEqual([testClusterNodes() ? 'REDIS_CLUSTER_NODES' : 'REDIS_URL']);
    } finally {
      await testRedis.cleanup();
    }
  });

  it('finds and deletes keys of any slot, and cleanup leaves none of the prefix on any node', async () => {
    const testRedis = await connectTestRedis('helpers');
    const keys = await spreadKeys(testRedis);
    if (testRedis.redis instanceof Cluster) {
      const holders = await Promise.all(
        testRedis.redis.nodes('master').map(async (node) => (await node.keys(`${testRedis.prefix}*`)).length),
      );
      expect(holders.filter((count) => count > 0).length, 'keys on more than one master').toBeGreaterThan(1);
    }
    expect(await keysMatching(testRedis.redis, `${testRedis.prefix}*`)).toEqual([...keys].sort());
    expect(await deleteKeys(testRedis.redis, keys.slice(0, 10))).toBe(10);
    await testRedis.cleanup();

    const observer = createTestRedisClient();
    opened.push(observer);
    await observer.connect();
    expect(await keysMatching(observer, `${testRedis.prefix}*`)).toEqual([]);
  });
});
