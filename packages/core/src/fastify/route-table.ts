import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  method: string;
  /** As registered, prefix included: "/v1/timers/:id", "/v1/billing/*". */
  url: string;
}

const tables = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/**
 * Records every route registered from now on, in any plugin, hidden from OpenAPI or not (proxied
 * paths are hidden there), so checks that must cover every route (the fuzz tests) find new ones
 * by themselves. Called by createBaseServer before anything is registered.
 */
export function recordRoutes(app: FastifyInstance): void {
  const table: RegisteredRoute[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) table.push({ method, url: route.url });
  });
}

/** Every route of a service built by createBaseServer, in registration order. */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return tables.get(app) ?? [];
}
