// The router's /openapi.json is Hark's one public API document: it describes every route served on
// the public base URL, the router's own and those it forwards to the entitlement service (with the
// schemas the service registers them with), and no route that is not served there.

import { registeredRoutes } from '@hark/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestEntitlements,
  type TestEntitlements,
} from '../../services/entitlements/src/testing/test-entitlements.js';
import {
  operatorProxyPaths,
  userProxyPaths,
  webhookProxyPaths,
} from '../../services/router/src/routes/entitlements-proxy.js';
import {
  ADMIN_TOKEN,
  bearer,
  startTestRouter,
  type TestRouter,
} from '../../services/router/src/testing/test-router.js';

interface Operation {
  summary?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

/** "GET /admin/plans/{id}": a method and an OpenAPI path. */
type OperationKey = string;

const openApiPath = (url: string) => url.replace(/:([^/]+)/g, '{$1}');
/** A path the route answers: its parameters and wildcard filled in. */
const concretePath = (path: string) => path.replace(/\{[^}]+\}|:[^/]+|\*/g, 'x1');

/** The API; the web pages, /docs, /openapi.json and /metrics are served but are not part of it. */
const isApi = (url: string) =>
  /^\/(v1|admin|webhooks)(\/|$)/.test(url) || ['/healthz', '/readyz'].includes(url);

/** The paths the router forwards, from the lists it registers its proxy with. */
const proxied = [...userProxyPaths, ...operatorProxyPaths, ...webhookProxyPaths].map(
  (path) => new RegExp(`^${path.prefix.replace(/:[^/]+/g, '[^/]+')}${path.exact ? '' : '(/.*)?'}$`),
);
const isProxied = (key: OperationKey) => proxied.some((pattern) => pattern.test(concretePath(pathOf(key))));
const pathOf = (key: OperationKey) => key.slice(key.indexOf(' ') + 1);

/** Every API route the app registered (HEAD twins of GET routes aside), as operation keys. */
const servedBy = (app: FastifyInstance): OperationKey[] => [
  ...new Set(
    registeredRoutes(app)
      .filter((route) => route.method !== 'HEAD' && isApi(route.url))
      .map((route) => `${route.method} ${openApiPath(route.url)}`),
  ),
];

const documentedIn = (document: OpenApiDocument): OperationKey[] =>
  Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );

const operationIn = (document: OpenApiDocument, key: OperationKey): Operation => {
  const [method, path] = key.split(' ') as [string, string];
  return document.paths[path]![method.toLowerCase()]!;
};

const received: string[] = [];
let upstream: FastifyInstance;
let entitlements: TestEntitlements;
let router: TestRouter;
let userKey: string;
let routerDocument: OpenApiDocument;
let serviceDocument: OpenApiDocument;
/** The router's own API routes, and the entitlement service's that it forwards. */
let own: OperationKey[];
let forwarded: OperationKey[];

beforeAll(async () => {
  // A stand-in for the service behind the proxy: records what reaches it, answers 200.
  upstream = Fastify();
  upstream.removeAllContentTypeParsers();
  upstream.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  upstream.all('/*', async (request) => {
    received.push(`${request.method} ${request.url}`);
    return { proxied: true };
  });
  const upstreamUrl = await upstream.listen({ port: 0, host: '127.0.0.1' });
  // The real service, for its route table and its own document; nothing is sent to it.
  entitlements = await startTestEntitlements({ stripe: false });
  router = await startTestRouter({ ENTITLEMENTS_URL: upstreamUrl, RATE_LIMIT_MAX: '1000' });
  userKey = await router.userWithKey('ada');
  routerDocument = (await router.app.inject({ url: '/openapi.json' })).json();
  serviceDocument = (await entitlements.app.inject({ url: '/openapi.json' })).json();
  own = servedBy(router.app).filter((key) => !isProxied(key));
  forwarded = servedBy(entitlements.app).filter(isProxied);
});
afterAll(async () => {
  await router?.close();
  await entitlements?.close();
  await upstream?.close();
});

describe("the router's /openapi.json", () => {
  it("documents each of the router's own API routes, with the same method and path", () => {
    expect(own.length).toBeGreaterThan(25);
    const documented = new Set(documentedIn(routerDocument));
    expect(own.filter((key) => !documented.has(key))).toEqual([]);
  });

  it("documents each entitlement-service route the router forwards, as the service's own document does", () => {
    const documented = new Set(documentedIn(routerDocument));
    expect(forwarded.filter((key) => !documented.has(key))).toEqual([]);
    for (const key of forwarded) {
      const { responses, ...operation } = operationIn(routerDocument, key);
      const { responses: serviceResponses, ...serviceOperation } = operationIn(serviceDocument, key);
      // Same summary, tags, security, parameters and body; the service's answers, and the router's on top.
      expect(operation, key).toEqual(serviceOperation);
      expect(responses, key).toMatchObject(serviceResponses);
      expect(Object.keys(responses), key).toContain('503');
    }
  });

  it('leaves no route of the entitlement service but its health checks off the public base URL', () => {
    const health = ['GET /healthz', 'GET /readyz'];
    const unforwarded = servedBy(entitlements.app).filter((key) => !isProxied(key));
    expect(unforwarded.sort()).toEqual(health);
    expect(forwarded.length).toBe(documentedIn(serviceDocument).length - health.length);
  });

  it('documents no route that is not served', () => {
    const served = new Set([...own, ...forwarded]);
    expect(documentedIn(routerDocument).filter((key) => !served.has(key))).toEqual([]);
  });

  it('names the per-key rate limit on the forwarded /v1 routes, as on its own', () => {
    for (const key of forwarded) {
      const limited = pathOf(key).startsWith('/v1/');
      expect(Object.keys(operationIn(routerDocument, key).responses).includes('429'), key).toBe(limited);
    }
  });
});

describe('each forwarded route in the document', () => {
  it('reaches the entitlement service with its method and path unchanged, with the credential it documents', async () => {
    for (const key of forwarded) {
      const [method, path] = key.split(' ') as [string, string];
      const scheme = Object.keys(operationIn(routerDocument, key).security?.[0] ?? {})[0];
      const headers =
        scheme === 'apiKey' ? bearer(userKey) : scheme === 'operatorToken' ? bearer(ADMIN_TOKEN) : {};
      received.length = 0;
      const url = concretePath(path);
      const response = await router.app.inject({ method: method as 'GET', url, headers });
      expect(response.statusCode, key).toBe(200);
      expect(received, key).toEqual([`${method} ${url}`]);
    }
  });
});
