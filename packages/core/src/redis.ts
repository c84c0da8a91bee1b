import fp from 'fastify-plugin';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { HarkConfig } from './config.js';
import { batchCommandWrites } from './redis-write-batching.js';

/**
 * A connection to one Redis server or to a Redis Cluster. Every store takes either: per-user keys
 * share a `{userId}` hash tag, so each multi-key command and script stays on one Cluster slot.
 */
export type RedisClient = Redis | Cluster;

/** Where Redis is: one server (REDIS_URL), or the seed nodes of a Redis Cluster (REDIS_CLUSTER_NODES). */
export type RedisTarget = { url: string } | { clusterNodes: readonly string[] };

/** The configured Redis: the Cluster when REDIS_CLUSTER_NODES is set, else REDIS_URL. */
export function redisTargetOf(config: Pick<HarkConfig, 'REDIS_URL' | 'REDIS_CLUSTER_NODES'>): RedisTarget {
  if (config.REDIS_CLUSTER_NODES.length > 0) return { clusterNodes: config.REDIS_CLUSTER_NODES };
  // The config schema refuses neither being set; the default is only for hand-built configs.
  return { url: config.REDIS_URL ?? 'redis://127.0.0.1:6379' };
}

/**
 * Redis connection settings for a voice path: commands fail fast while Redis is down
 * (no offline queue, one retry) so requests answer 503 at once instead of hanging,
 * and the client keeps reconnecting in the background so service recovers by itself.
 * A Redis that holds the connection open but stops answering (frozen, swapping, a network
 * that drops packets without a reset) gives no such signal: `commandTimeout` bounds each
 * command, so the request answers 503 after it rather than hanging. BullMQ's blocking worker
 * connection must turn it off (`commandTimeout: undefined`).
 */
export const REDIS_COMMAND_TIMEOUT_MS = 2_000;

export const redisOptions: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
  retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
};

export function createRedis(url: string, options?: RedisOptions): Redis;
export function createRedis(target: string | RedisTarget, options?: RedisOptions): RedisClient;
export function createRedis(target: string | RedisTarget, options: RedisOptions = {}): RedisClient {
  const settings = { ...redisOptions, ...options };
  const client =
    typeof target === 'string'
      ? new Redis(target, settings)
      : 'url' in target
        ? new Redis(target.url, settings)
        : createCluster(target.clusterNodes, settings);
  batchCommandWrites(client);
  return client;
}

/**
 * The same settings on a Cluster client: offline queue, lazy connect and retries belong to the
 * Cluster (it queues while it learns the slot map); the rest apply to each node's connection.
 */
function createCluster(nodes: readonly string[], settings: RedisOptions): Cluster {
  const {
    enableOfflineQueue,
    lazyConnect,
    retryStrategy,
    host,
    port,
    path,
    sentinels,
    readOnly,
    ...perNode
  } = settings;
  return new Cluster(nodes.map(parseNode), {
    enableOfflineQueue,
    lazyConnect,
    clusterRetryStrategy: retryStrategy,
    redisOptions: perNode,
  });
}

/** "host:port" or "[ipv6]:port" -> { host, port }. */
function parseNode(node: string): { host: string; port: number } {
  const colon = node.lastIndexOf(':');
  return { host: node.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(node.slice(colon + 1)) };
}

/** True for errors that mean "Redis is not reachable right now", as opposed to bad commands. */
export function isRedisUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EPIPE')
    return true;
  if (error.name === 'ClusterAllFailedError') return true;
  return /Command timed out|Connection is closed|enableOfflineQueue|Stream isn't writeable|LOADING|CLUSTERDOWN|TRYAGAIN|Failed to refresh slots cache/.test(
    error.message,
  );
}

declare module 'fastify' {
  interface FastifyInstance {
    redis: RedisClient;
  }
}

export interface RedisPluginOptions {
  /** An existing client (tests, or a shared client); closed on shutdown only if `target` was used. */
  client?: RedisClient;
  /** Where to connect: a URL, or redisTargetOf(config) (one server or a Cluster). */
  target?: string | RedisTarget;
}

/** Decorates `fastify.redis`; connects on ready, disconnects on close. */
export const redisPlugin = fp<RedisPluginOptions>(
  async (app, options) => {
    const owned = !options.client;
    const client = options.client ?? createRedis(options.target ?? 'redis://127.0.0.1:6379');
    client.on('error', (error: Error) => app.log.warn({ err: error.message }, 'redis connection problem'));
    if (client.status === 'wait') await client.connect();
    app.decorate<RedisClient>('redis', client);
    if (owned)
      app.addHook('onClose', async () => void (await client.quit().catch(() => client.disconnect())));
  },
  { name: 'hark-redis', fastify: '5.x' },
);
