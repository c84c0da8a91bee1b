import { randomUUID } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';

/**
 * One Redis server or a Redis Cluster: the same union as @hark/core's RedisClient (this package
 * must not depend on core, whose own tests use it).
 */
export type TestRedisClient = Redis | Cluster;

/**
 * The seed nodes ("host:port") of the Redis Cluster the suite runs against, or null on a single
 * Redis. scripts/test.mjs runs the integration project a second time with REDIS_CLUSTER_NODES set.
 */
export function testClusterNodes(): string[] | null {
  const nodes = (process.env.REDIS_CLUSTER_NODES ?? '')
    .split(',')
    .map((node) => node.trim())
    .filter(Boolean);
  return nodes.length > 0 ? nodes : null;
}

/** The Redis every integration test talks to: scripts/test.mjs finds or starts one. */
export function testRedisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url)
    throw new Error('REDIS_URL is not set: run the suite with `npm test`, which finds or starts Redis');
  return url;
}

/** The config variables that point a service at the suite's Redis: REDIS_CLUSTER_NODES on the cluster run. */
export function testRedisEnv(): { REDIS_URL: string } | { REDIS_CLUSTER_NODES: string } {
  const nodes = testClusterNodes();
  return nodes ? { REDIS_CLUSTER_NODES: nodes.join(',') } : { REDIS_URL: testRedisUrl() };
}

/** A new, not yet connected client of the suite's Redis: a Cluster client on the cluster run. */
export function createTestRedisClient(): TestRedisClient {
  const nodes = testClusterNodes();
  if (!nodes) return new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  return new Cluster(nodes, { lazyConnect: true, redisOptions: { maxRetriesPerRequest: 1 } });
}

/** A key prefix no other test shares, so tests running side by side never see each other's keys. */
export const uniquePrefix = (label = 'test'): string => `t:${label}:${randomUUID().slice(0, 8)}:`;

export interface TestRedis {
  redis: TestRedisClient;
  prefix: string;
  /** Deletes every key under the prefix and closes the connection. */
  cleanup(): Promise<void>;
}

export async function connectTestRedis(label?: string): Promise<TestRedis> {
  // Plain ioredis on purpose: @hark/core's own tests use this package, so it must not depend on core.
  const redis = createTestRedisClient();
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

/** Every server that holds keys: each master of a Cluster (a key lives on one of them), or the one Redis. */
const mastersOf = (redis: TestRedisClient): Redis[] =>
  redis instanceof Cluster ? redis.nodes('master') : [redis];

/** The keys matching a KEYS/SCAN pattern, on every master of a Cluster (KEYS on a Cluster asks one node). */
export async function keysMatching(redis: TestRedisClient, pattern: string): Promise<string[]> {
  const found: string[] = [];
  for (const node of mastersOf(redis)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
  }
  return found.sort();
}

/** Deletes keys one by one, so keys of different Cluster slots may be mixed (a multi-key DEL may not). */
export async function deleteKeys(redis: TestRedisClient, keys: readonly string[]): Promise<number> {
  const deleted = await Promise.all(keys.map((key) => redis.unlink(key)));
  return deleted.reduce((sum, count) => sum + count, 0);
}

export async function deleteByPrefix(redis: TestRedisClient, prefix: string): Promise<number> {
  return deleteKeys(redis, await keysMatching(redis, `${prefix}*`));
}
