import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { createRedis, isRedisUnavailableError, redisTargetOf } from './redis.js';

describe('redisTargetOf', () => {
  it('is the Cluster when REDIS_CLUSTER_NODES is set (REDIS_URL then ignored), else REDIS_URL', () => {
    const single = loadConfig({ REDIS_URL: 'redis://10.0.0.9:6379' });
    expect(redisTargetOf(single)).toEqual({ url: 'redis://10.0.0.9:6379' });
    const both = loadConfig({
      REDIS_URL: 'redis://10.0.0.9:6379',
      REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2:7000',
    });
    expect(redisTargetOf(both)).toEqual({ clusterNodes: ['10.0.0.1:7000', '10.0.0.2:7000'] });
  });
});

describe('createRedis', () => {
  // lazyConnect (the default here): nothing connects until the first command or connect().
  it('makes a Cluster client with the fail-fast settings split between the cluster and its nodes', () => {
    const client = createRedis({ clusterNodes: ['10.0.0.1:7000', '[::1]:7001'] }, { connectTimeout: 500 });
    try {
      expect(client).toBeInstanceOf(Cluster);
      const cluster = client as Cluster;
      expect(cluster.options).toMatchObject({ lazyConnect: true, enableOfflineQueue: false });
      expect(cluster.options.clusterRetryStrategy?.(3)).toBe(300);
      expect(cluster.options.redisOptions).toMatchObject({ maxRetriesPerRequest: 1, connectTimeout: 500 });
      expect(cluster.options.redisOptions).not.toHaveProperty('enableOfflineQueue');
      expect(cluster.status).toBe('wait');
    } finally {
      client.disconnect();
    }
  });

  it('makes a plain client for a URL, and lets options override the defaults', () => {
    const client = createRedis({ url: 'redis://10.0.0.9:6380' }, { maxRetriesPerRequest: null });
    try {
      expect(client).toBeInstanceOf(Redis);
      expect((client as Redis).options).toMatchObject({
        port: 6380,
        lazyConnect: true,
        maxRetriesPerRequest: null,
      });
    } finally {
      client.disconnect();
    }
  });
});

describe('isRedisUnavailableError', () => {
  it('counts a cluster that is down or not ready, not a bad command', () => {
    const named = (name: string, message: string) => Object.assign(new Error(message), { name });
    expect(isRedisUnavailableError(named('ClusterAllFailedError', 'Failed to refresh slots cache.'))).toBe(
      true,
    );
    expect(
      isRedisUnavailableError(new Error("Cluster isn't ready and enableOfflineQueue options is false")),
    ).toBe(true);
    expect(isRedisUnavailableError(new Error('CLUSTERDOWN The cluster is down'))).toBe(true);
    expect(isRedisUnavailableError(new Error('Command timed out'))).toBe(true);
    expect(isRedisUnavailableError(new Error("CROSSSLOT Keys in request don't hash to the same slot"))).toBe(
      false,
    );
  });
});
