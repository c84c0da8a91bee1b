import { healthResponseSchema, readinessResponseSchema } from '@hark/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Liveness (the process answers) and readiness (Redis answers a PING within a second). */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'The process is up', response: { 200: healthResponseSchema } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Redis is reachable',
        response: { 200: readinessResponseSchema, 503: readinessResponseSchema },
      },
    },
    async (_request, reply) => {
      const redisUp = await Promise.race([
        app.redis.ping().then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((resolve) => setTimeout(resolve, 1_000, false).unref()),
      ]);
      reply.status(redisUp ? 200 : 503);
      return {
        status: redisUp ? ('ready' as const) : ('unavailable' as const),
        checks: { redis: redisUp ? ('ok' as const) : ('down' as const) },
      };
    },
  );
};
