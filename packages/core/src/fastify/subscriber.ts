import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { RedisClient } from '../redis.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** A second Redis connection for pub/sub: a subscribed connection can run no other commands. */
    subscriber: RedisClient;
  }
}

export const subscriberPlugin = fp(
  async (app: FastifyInstance) => {
    const subscriber = app.redis.duplicate();
    subscriber.on('error', (error: Error) =>
      app.log.warn({ err: error.message }, 'redis subscriber problem'),
    );
    await subscriber.connect();
    app.decorate<RedisClient>('subscriber', subscriber);
    app.addHook('onClose', async () => void (await subscriber.quit().catch(() => subscriber.disconnect())));
  },
  { name: 'hark-subscriber', dependencies: ['hark-redis'], fastify: '5.x' },
);
