import httpProxy from '@fastify/http-proxy';
import {
  entitlementServiceRoutes,
  errorResponseSchema,
  type OperatorRole,
  type RouteContract,
  STRIPE_WEBHOOK_BODY_LIMIT_BYTES,
} from '@hark/contracts';
import { bearerToken, type DocumentedRoute, HarkError } from '@hark/core';
import { COUNTED_HEADER, countedStamp } from '@hark/users';
import type { FastifyInstance } from 'fastify';
import { type BodyLimitedPath, bodyTooLargeError, limitProxiedBodies } from './proxied-body-limit.js';

/**
 * Paths the entitlement service answers, proxied so a client needs one base URL. The router
 * checks credentials first (a bad key never reaches the service, and the per-key rate limit
 * applies); the Authorization header is forwarded unchanged and the service checks it again,
 * since services do not trust each other's word about who is calling.
 */
interface ProxiedPath extends BodyLimitedPath {
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
  { prefix: '/admin/users/:id/internal', exact: true },
  { prefix: '/admin/internal-users', exact: true },
];

/** Stripe signs the raw body, so it passes through as a stream, never parsed or re-serialised. */
export const webhookProxyPaths: readonly ProxiedPath[] = [
  { prefix: '/webhooks/stripe', exact: true, bodyLimit: STRIPE_WEBHOOK_BODY_LIMIT_BYTES },
];

/** Explicit, and short for a voice path: never the HTTP client's own minutes-long default. */
export const PROXY_TIMEOUT_MS = 10_000;

export interface EntitlementsProxyOptions {
  upstream: string;
  paths: readonly ProxiedPath[];
  /** The per-key request budget applies to these paths (429), for the docs. */
  rateLimited?: boolean;
  /**
   * INTERNAL_TOKEN, on paths whose requests the router has counted against the key's budget: each
   * goes with a signed stamp saying so, and the service does not count it again (counted-stamp.ts).
   */
  countedStampSecret?: string;
  /** For /admin paths: the least operator role the router lets through (the service checks each route's). */
  operatorRole?: OperatorRole;
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
  limitProxiedBodies(app, options.paths);
  for (const path of options.paths) {
    await app.register(httpProxy, {
      upstream: options.upstream,
      prefix: path.prefix,
      rewritePrefix: path.prefix,
      routes: path.exact ? ['/'] : ['/', '/*'],
      ...(options.operatorRole ? { config: { operatorRole: options.operatorRole } } : {}),
      disableRequestLogging: true,
      replyOptions: {
        timeout: PROXY_TIMEOUT_MS,
        onError: (reply, { error }) => {
          const tooLarge = bodyTooLargeError(reply.request);
          if (tooLarge) return reply.header('connection', 'close').send(tooLarge);
          reply.log.warn({ err: error.message }, 'entitlements upstream did not answer');
          reply.send(unavailable());
        },
        // The caller's request id goes upstream, so both services' log lines join on it.
        rewriteRequestHeaders: (request, headers) => forwardedHeaders(request, headers, options),
        // No retries: a 503 from the service is its answer, and a voice client should not wait on ours.
        retryDelay: () => null,
      },
    });
  }
}

/**
 * The headers sent upstream: the caller's request id, so both services' log lines join on it, and the
 * counted stamp where the router counted the request; a stamp the client sent itself never passes.
 */
function forwardedHeaders(
  request: { id: string; method: string; url: string; headers: { authorization?: string } },
  headers: Record<string, string | string[] | undefined>,
  options: EntitlementsProxyOptions,
): Record<string, string | string[] | undefined> {
  const { [COUNTED_HEADER]: _fromClient, ...rest } = headers;
  const key = options.countedStampSecret ? bearerToken(request.headers.authorization) : null;
  const stamp =
    key && options.countedStampSecret ? countedStamp(options.countedStampSecret, key, request) : null;
  return { ...rest, 'x-request-id': request.id, ...(stamp ? { [COUNTED_HEADER]: stamp } : {}) };
}

/** The entitlement service's routes that `paths` forward. */
function forwardedRoutes(paths: readonly ProxiedPath[]): RouteContract[] {
  const forwards = (path: ProxiedPath, url: string) =>
    url === path.prefix || (!path.exact && url.startsWith(`${path.prefix}/`));
  return entitlementServiceRoutes.filter((route) => paths.some((path) => forwards(path, route.url)));
}

/**
 * A forwarded route as a client of the router sees it: the router's own answers come on top, 503
 * when the service does not answer, 413 over the body limit and 429 where the per-key request
 * budget applies.
 */
function asAnsweredHere(route: RouteContract, options: EntitlementsProxyOptions): DocumentedRoute {
  const routerErrors = {
    ...(options.rateLimited ? { 429: errorResponseSchema } : {}),
    413: errorResponseSchema,
    503: errorResponseSchema,
  };
  return { ...route, schema: { ...route.schema, response: { ...route.schema.response, ...routerErrors } } };
}
