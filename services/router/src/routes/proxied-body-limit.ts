import { Transform } from 'node:stream';
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

/** Requests whose undeclared (chunked) body grew past its path's limit, with that limit. */
const overLimit = new WeakMap<object, number>();

/**
 * The answer for a proxied request whose stream to the entitlement service broke because its body
 * grew past the limit (413), or null when the break had another cause.
 */
export function bodyTooLargeError(request: object): HarkError | null {
  const limit = overLimit.get(request);
  return limit === undefined ? null : new HarkError('BODY_TOO_LARGE', { limit });
}

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
  // A body without a declared length is counted as it streams through, and cut at the limit: the
  // entitlement service never receives more than it accepts, and the proxy's error answer (see
  // `bodyTooLargeError`) is then a 413, not a 503.
  app.addHook('preParsing', (request, _reply, payload, done) => {
    if (request.headers['content-length'] !== undefined) return done(null, payload);
    const limit = limitOf(paths, request.routeOptions.url);
    let seen = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, next) {
        seen += chunk.length;
        if (seen <= limit) return next(null, chunk);
        overLimit.set(request, limit);
        next(new HarkError('BODY_TOO_LARGE', { limit }));
      },
    });
    payload.on('error', (error) => counted.destroy(error));
    done(null, payload.pipe(counted));
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!request.raw.complete) reply.header('connection', 'close');
    done(null, payload);
  });
}
