import { healthResponseSchema, readinessResponseSchema } from '@hark/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const REDIS_PING_TIMEOUT_MS = 1_000;

/**
 * Liveness and readiness (Redis answers). The LLM is deliberately not part of readiness: an
 * upstream outage is answered per turn (fallbacks, circuit breaker), not by taking instances out.
 */
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
        new Promise<boolean>((resolve) => setTimeout(resolve, REDIS_PING_TIMEOUT_MS, false).unref()),
      ]);
      reply.status(redisUp ? 200 : 503);
      return {
        status: redisUp ? ('ready' as const) : ('unavailable' as const),
        checks: { redis: redisUp ? ('ok' as const) : ('down' as const) },
      };
    },
  );
};
