import httpProxy from '@fastify/http-proxy';
import { entitlementServiceRoutes, errorResponseSchema, type RouteContract } from '@hark/contracts';
import { type DocumentedRoute, HarkError } from '@hark/core';
import type { FastifyInstance } from 'fastify';

/**
 * Paths the entitlement service answers, proxied so a client needs one base URL. The router
 * checks credentials first (a bad key never reaches the service, and the per-key rate limit
 * applies); the Authorization header is forwarded unchanged and the service checks it again,
 * since services do not trust each other's word about who is calling.
 */
interface ProxiedPath {
  /** A path prefix, which may hold route params (":id"). */
  prefix: string;
  /** Only the prefix itself, not the paths below it. */
  exact?: boolean;
}

export const userProxyPaths: readonly ProxiedPath[] = [
  { prefix: '/v1/me', exact: true },
  { prefix: '/v1/billing' },
];

export const operatorProxyPaths: readonly ProxiedPath[] = [
  { prefix: '/admin/plans' },
  { prefix: '/admin/kill-switches' },
  { prefix: '/admin/users/:id/grant', exact: true },
  { prefix: '/admin/users/:id/entitlements', exact: true },
  { prefix: '/admin/audit', exact: true },
  { prefix: '/admin/stripe' },
  { prefix: '/admin/insights', exact: true },
  { prefix: '/admin/insights.csv', exact: true },
  { prefix: '/admin/users/:id/usage', exact: true },
];

/** Stripe signs the raw body, so it passes through as a stream, never parsed or re-serialised. */
export const webhookProxyPaths: readonly ProxiedPath[] = [{ prefix: '/webhooks/stripe', exact: true }];

/** Explicit, and short for a voice path: never the HTTP client's own minutes-long default. */
export const PROXY_TIMEOUT_MS = 10_000;

export interface EntitlementsProxyOptions {
  upstream: string;
  paths: readonly ProxiedPath[];
  /** The per-key request budget applies to these paths (429), for the docs. */
  rateLimited?: boolean;
}

const unavailable = () => new HarkError('UPSTREAM_UNAVAILABLE', { service: 'entitlements' });

/**
 * Registers the proxy for `paths` inside its own encapsulated scope: @fastify/http-proxy adds
 * pass-through body parsers to the scope it is registered in, which must not replace the JSON
 * parser of the router's own routes. Hooks of the parent (authentication, rate limit) still apply.
 */
export async function entitlementsProxy(app: FastifyInstance, options: EntitlementsProxyOptions) {
  // Wildcard proxy routes would document nothing useful ("/v1/billing/{*}"): each route the service
  // answers under these paths is documented instead, from the contract the service registers it with.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });
  app.documentRoutes(forwardedRoutes(options.paths).map((route) => asAnsweredHere(route, options)));
  for (const path of options.paths) {
    await app.register(httpProxy, {
      upstream: options.upstream,
      prefix: path.prefix,
      rewritePrefix: path.prefix,
      routes: path.exact ? ['/'] : ['/', '/*'],
      disableRequestLogging: true,
      replyOptions: {
        timeout: PROXY_TIMEOUT_MS,
        onError: (reply, { error }) => {
          reply.log.warn({ err: error.message }, 'entitlements upstream did not answer');
          reply.send(unavailable());
        },
        // The caller's request id goes upstream, so both services' log lines join on it.
        rewriteRequestHeaders: (request, headers) => ({ ...headers, 'x-request-id': request.id }),
        // No retries: a 503 from the service is its answer, and a voice client should not wait on ours.
        retryDelay: () => null,
      },
    });
  }
}

/** The entitlement service's routes that `paths` forward. */
function forwardedRoutes(paths: readonly ProxiedPath[]): RouteContract[] {
  const forwards = (path: ProxiedPath, url: string) =>
    url === path.prefix || (!path.exact && url.startsWith(`${path.prefix}/`));
  return entitlementServiceRoutes.filter((route) => paths.some((path) => forwards(path, route.url)));
}

/**
 * A forwarded route as a client of the router sees it: the router's own answers come on top, 503
 * when the service does not answer and 429 where the per-key request budget applies.
 */
function asAnsweredHere(route: RouteContract, options: EntitlementsProxyOptions): DocumentedRoute {
  const routerErrors = {
    ...(options.rateLimited ? { 429: errorResponseSchema } : {}),
    503: errorResponseSchema,
  };
  return { ...route, schema: { ...route.schema, response: { ...route.schema.response, ...routerErrors } } };
}
