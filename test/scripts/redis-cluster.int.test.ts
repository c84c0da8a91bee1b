// scripts/lib/redis-cluster.mjs starts the Redis Cluster `npm test` runs the integration project on.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Cluster } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { findExecutable, ping, redisCommand } from '../../scripts/lib/redis.mjs';
import { onRedisCluster, startRedisCluster } from '../../scripts/lib/redis-cluster.mjs';

const quiet = { log: () => {} };
const hasTools = Boolean(findExecutable('redis-server') && findExecutable('redis-cli'));

describe('startRedisCluster', () => {
  it.skipIf(!hasTools)(
    'starts three masters that share every slot, keep nothing on disk, and stop() ends them',
    async () => {
      const cluster = await startRedisCluster(quiet);
      const urls = cluster.nodes.map((node) => `redis://${node}`);
      try {
        expect(cluster.nodes).toHaveLength(3);
        for (const node of cluster.nodes) expect(node).toMatch(/^127\.0\.0\.1:\d+$/);
        for (const url of urls) {
          expect(await redisCommand(url, ['CLUSTER', 'INFO'])).toMatch(
            /cluster_state:ok[\s\S]*cluster_size:3/,
          );
          expect(await redisCommand(url, ['CONFIG', 'GET', 'appendonly'])).toEqual(['appendonly', 'no']);
          expect(await redisCommand(url, ['CONFIG', 'GET', 'save'])).toEqual(['save', '']);
        }
        // A client that knows one node finds the others, and keys of different slots spread out.
        const client = new Cluster([cluster.nodes[0]!], { lazyConnect: true });
        await client.connect();
        try {
          await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((tag) => client.set(`{${tag}}k`, tag)));
          const sizes = await Promise.all(client.nodes('master').map((node) => node.dbsize()));
          expect(sizes.filter((size) => size > 0).length).toBeGreaterThan(1);
          await expect(client.mget('{a}k', '{b}k')).rejects.toThrow(/CROSSSLOT/);
        } finally {
          client.disconnect();
        }
      } finally {
        await cluster.stop();
      }
      for (const url of urls) expect(await ping(url)).toBe(false);
      expect(existsSync(cluster.dataDir), 'the temp dir is removed').toBe(false);
    },
  );

  it('says what to install, or how to skip the cluster run, without redis-server and redis-cli', async () => {
    const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'hark-no-redis-'));
    try {
      await expect(startRedisCluster({ env: { PATH: emptyDir }, ...quiet })).rejects.toThrow(
        /redis-server[\s\S]*apt-get install -y redis-server[\s\S]*REDIS_CLUSTER_NODES=[\s\S]*HARK_TEST_CLUSTER=off/,
      );
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});

describe('onRedisCluster', () => {
  it('uses the cluster in REDIS_CLUSTER_NODES as it is, and hides REDIS_URL from the run', async () => {
    const env = {
      REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2:7000',
      REDIS_URL: 'redis://single:6379',
      KEEP: 'me',
    };
    const seen = await onRedisCluster(async (runEnv) => runEnv, { env, ...quiet });
    expect(seen).toEqual({ REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2:7000', KEEP: 'me' });
  });
});
