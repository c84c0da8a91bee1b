import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { HarkError } from '../errors.js';
import { bearerToken, secretsEqual } from '../secrets.js';
import { outOfBandHeaders } from './framework-errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: {
      registry: Registry;
      intents: Counter<'intent' | 'handled_by'>;
      /** The listener of METRICS_PORT once the app is ready (null without one, or before). */
      listenerAddress(): AddressInfo | null;
    };
  }
}

export interface MetricsOptions {
  /** METRICS_TOKEN: `/metrics` answers only to `Authorization: Bearer <token>`, wherever it is served. */
  token?: string;
  /** METRICS_PORT: `/metrics` moves to a listener of its own on this port (0: any free port). */
  port?: number;
  /** Where that listener binds (HOST). */
  host?: string;
  /** In production an unprotected `/metrics` is never served on the service port. */
  production?: boolean;
}

/** The options every service derives from its config. */
export function metricsOptionsFrom(config: {
  NODE_ENV: string;
  HOST: string;
  METRICS_TOKEN?: string | undefined;
  METRICS_PORT?: number | undefined;
}): MetricsOptions {
  return {
    production: config.NODE_ENV === 'production',
    host: config.HOST,
    ...(config.METRICS_TOKEN === undefined ? {} : { token: config.METRICS_TOKEN }),
    ...(config.METRICS_PORT === undefined ? {} : { port: config.METRICS_PORT }),
  };
}

/**
 * Where `/metrics` is served: on a port of its own; on the service port behind the token; on the
 * service port, open (outside production, for convenience: `curl :3000/metrics`); or nowhere (a
 * production service with neither, so the public port never gives its internals away).
 */
export function metricsExposure(options: MetricsOptions): 'own-port' | 'token' | 'open' | 'off' {
  if (options.port !== undefined) return 'own-port';
  if (options.token !== undefined) return 'token';
  return options.production ? 'off' : 'open';
}

const hasToken = (authorization: string | undefined, token: string | undefined): boolean => {
  if (token === undefined) return true;
  const given = bearerToken(authorization);
  return given !== null && secretsEqual(given, token);
};

/**
 * Prometheus metrics on a registry of this app's own (several apps can live in one test
 * process): request duration by route and status, and answered intents by handler.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, options: MetricsOptions) => {
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
    let listener: Server | null = null;
    app.decorate('metrics', {
      registry,
      intents,
      listenerAddress: () => (listener?.address() as AddressInfo | null) ?? null,
    });

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

    const exposure = metricsExposure(options);
    if (exposure === 'open' || exposure === 'token') {
      const checkToken = async (request: FastifyRequest) => {
        if (!hasToken(request.headers.authorization, options.token)) throw new HarkError('UNAUTHORIZED');
      };
      app.get('/metrics', { schema: { hide: true }, onRequest: checkToken }, async (_request, reply) => {
        reply.type(registry.contentType);
        return registry.metrics();
      });
    }
    if (exposure === 'own-port') {
      // On ready, not on listen: Fastify only logs an onListen error, and a port that cannot be
      // bound must stop the service from starting (fail fast, like a bad variable).
      app.addHook('onReady', async () => {
        listener = await listenForMetrics(registry, options);
      });
      app.addHook('onClose', async () => {
        listener?.close();
        listener?.closeAllConnections();
      });
    }
    if (exposure === 'off') {
      app.log.warn('/metrics is not served: set METRICS_PORT or METRICS_TOKEN (docs/OPERATIONS.md)');
    }
  },
  { name: 'hark-metrics', fastify: '5.x' },
);

function answerError(response: ServerResponse, error: HarkError): void {
  response.writeHead(error.statusCode, { ...outOfBandHeaders, 'content-type': 'application/json' });
  response.end(JSON.stringify(error.toBody()));
}

/** A listener of its own that serves `GET /metrics` and nothing else (METRICS_PORT). */
async function listenForMetrics(registry: Registry, options: MetricsOptions): Promise<Server> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return answerError(response, new HarkError('ROUTE_NOT_FOUND', { method: 'this', url: 'path' }));
    }
    if (!hasToken(request.headers.authorization, options.token)) {
      return answerError(response, new HarkError('UNAUTHORIZED'));
    }
    registry.metrics().then(
      (text) => {
        response.writeHead(200, { ...outOfBandHeaders, 'content-type': registry.contentType });
        response.end(request.method === 'HEAD' ? undefined : text);
      },
      () => answerError(response, new HarkError('INTERNAL', { requestId: 'metrics' })),
    );
  });
  // Scrapes are small and quick: a client that stalls is cut off rather than held.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 }, () => resolve());
  });
  return server;
}
