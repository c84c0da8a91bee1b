import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: { registry: Registry; intents: Counter<'intent' | 'handled_by'> };
  }
}

/**
 * Prometheus metrics on a registry of this app's own (several apps can live in one test
 * process): request duration by route and status, and answered intents by handler.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'hark_' });
    const requestDuration = new Histogram({
      name: 'hark_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    const intents = new Counter({
      name: 'hark_intents_total',
      help: 'Turns answered, by intent (or "none") and by who handled them',
      labelNames: ['intent', 'handled_by'] as const,
      registers: [registry],
    });
    app.decorate('metrics', { registry, intents });

    app.addHook('onResponse', async (request, reply) => {
      requestDuration.observe(
        {
          method: request.method,
          // The route pattern, never the raw URL: ids in paths would explode the label set.
          route: request.routeOptions.url ?? 'unmatched',
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });

    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'hark-metrics', fastify: '5.x' },
);
