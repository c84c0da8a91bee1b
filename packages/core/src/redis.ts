import fp from 'fastify-plugin';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis connection settings for a voice path: commands fail fast while Redis is down
 * (no offline queue, one retry) so requests answer 503 at once instead of hanging,
 * and the client keeps reconnecting in the background so service recovers by itself.
 */
export const redisOptions: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
};

export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { ...redisOptions, ...options });
}

/** True for errors that mean "Redis is not reachable right now", as opposed to bad commands. */
export function isRedisUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EPIPE')
    return true;
  return /Connection is closed|enableOfflineQueue|Stream isn't writeable|LOADING/.test(error.message);
}

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis;
  }
}

export interface RedisPluginOptions {
  /** An existing client (tests, or a shared client); closed on shutdown only if `url` was used. */
  client?: Redis;
  url?: string;
}

/** Decorates `fastify.redis`; connects on ready, disconnects on close. */
export const redisPlugin = fp<RedisPluginOptions>(
  async (app, options) => {
    const owned = !options.client;
    const client = options.client ?? createRedis(options.url ?? 'redis://127.0.0.1:6379');
    client.on('error', (error: Error) => app.log.warn({ err: error.message }, 'redis connection problem'));
    if (client.status === 'wait') await client.connect();
    app.decorate('redis', client);
    if (owned)
      app.addHook('onClose', async () => void (await client.quit().catch(() => client.disconnect())));
  },
  { name: 'hark-redis', fastify: '5.x' },
);
