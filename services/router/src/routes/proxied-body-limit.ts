import { BODY_LIMIT_BYTES, HarkError } from '@hark/core';
import type { FastifyInstance } from 'fastify';

export interface BodyLimitedPath {
  prefix: string;
  /** The entitlement service's body limit on this path; default the JSON API's 16 KiB. */
  bodyLimit?: number;
}

const limitOf = (paths: readonly BodyLimitedPath[], routeUrl: string | undefined): number => {
  const path = paths.find((p) => routeUrl === p.prefix || routeUrl?.startsWith(`${p.prefix}/`));
  return path?.bodyLimit ?? BODY_LIMIT_BYTES;
};

/**
 * The router streams a proxied body to the entitlement service without reading it. A body over the
 * service's limit was refused there while it was still arriving, and the router's answer (a 503 when
 * the service cut the stream short) left the rest unread on a kept-alive connection: the next
 * request on it never got an answer. Now a declared length over the limit gets 413
 * HARK_ERR_BODY_TOO_LARGE here, before anything is forwarded, and any answer given before the whole
 * request body arrived (that one, a 401, a 503) closes the connection instead of leaving it stuck.
 */
export function limitProxiedBodies(app: FastifyInstance, paths: readonly BodyLimitedPath[]): void {
  // Callback hooks, not async ones: they run on every proxied request, and cost no promise this way.
  app.addHook('onRequest', (request, _reply, done) => {
    const declared = Number(request.headers['content-length']);
    const limit = limitOf(paths, request.routeOptions.url);
    done(declared > limit ? new HarkError('BODY_TOO_LARGE', { limit }) : undefined);
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!request.raw.complete) reply.header('connection', 'close');
    done(null, payload);
  });
}
