// scripts/lib/redis.mjs decides which Redis `npm start` / `npm test` use, and may start one.
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testClusterNodes, unusedPort } from '@hark/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findExecutable, findOrStartRedis, ping, redisCommand } from '../../scripts/lib/redis.mjs';

const quiet = { log: () => {} };
const redisServer = findExecutable('redis-server');

/** A port nothing listens on, so the 127.0.0.1:6379-style fallback finds no Redis. */
async function unusedPortUrl(): Promise<string> {
  return `redis://127.0.0.1:${await unusedPort()}`;
}

const withoutRedisUrl = () => ({ ...process.env, REDIS_URL: undefined });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('findOrStartRedis', () => {
  it('uses REDIS_URL when it is set, and stop() leaves that server alone', async () => {
    vi.stubEnv('REDIS_URL', 'redis://redis.example:6390/2');
    const redis = await findOrStartRedis({ purpose: 'test', ...quiet });
    expect(redis).toMatchObject({ url: 'redis://redis.example:6390/2', source: 'env' });
    await redis.stop();
  });

  it('uses the fallback address when a Redis answers there', async () => {
    // The integration project's Redis; on the Redis Cluster run, one of its nodes (it answers PING too).
    const clusterNode = testClusterNodes()?.[0];
    const running = clusterNode ? `redis://${clusterNode}` : process.env.REDIS_URL!;
    const redis = await findOrStartRedis({
      purpose: 'test',
      env: withoutRedisUrl(),
      fallbackUrl: running,
      ...quiet,
    });
    expect(redis).toMatchObject({ url: running, source: 'found' });
    await redis.stop();
    expect(await ping(running)).toBe(true);
  });

  it('starts redis-server on a free port with append-only persistence, and stop() ends it', async (context) => {
    if (!redisServer) return context.skip('redis-server is not on PATH');
    const fallbackUrl = await unusedPortUrl();
    const redis = await findOrStartRedis({ purpose: 'test', env: withoutRedisUrl(), fallbackUrl, ...quiet });
    try {
      expect(redis.source).toBe('started');
      expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      expect(redis.url).not.toBe(fallbackUrl);
      expect(await redisCommand(redis.url, ['CONFIG', 'GET', 'appendonly'])).toEqual(['appendonly', 'yes']);
      const [, dir] = (await redisCommand(redis.url, ['CONFIG', 'GET', 'dir'])) as string[];
      expect(dir).toBe(redis.dataDir);
      expect(dir!.startsWith(realpathSync(os.tmpdir()))).toBe(true);
    } finally {
      await redis.stop();
    }
    expect(await ping(redis.url)).toBe(false);
    expect(existsSync(redis.dataDir!), 'the throwaway data dir is removed').toBe(false);
  });

  it('explains how to install Redis when there is no redis-server on PATH', async () => {
    const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'hark-no-redis-'));
    try {
      const env = { PATH: emptyDir };
      const attempt = findOrStartRedis({
        purpose: 'test',
        env,
        fallbackUrl: await unusedPortUrl(),
        ...quiet,
      });
      await expect(attempt).rejects.toThrow(
        /apt-get install -y redis-server[\s\S]*brew install redis[\s\S]*REDIS_URL=/,
      );
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});
