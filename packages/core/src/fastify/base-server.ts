import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { HarkError } from '../errors.js';
import { loggerOptions } from '../logger.js';
import { answerClientError, answerFrameworkError } from './framework-errors.js';
import { recordRoutes } from './route-table.js';

export const BODY_LIMIT_BYTES = 16 * 1024;
const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/** The defaults of REQUEST_TIMEOUT_MS and REQUEST_HEADERS_TIMEOUT_MS, for servers built without them. */
export const REQUEST_TIMEOUT_MS = 30_000;
export const REQUEST_HEADERS_TIMEOUT_MS = 10_000;

export interface BaseServerOptions {
  config: {
    LOG_LEVEL: string;
    LOG_PRETTY: boolean;
    TRUST_PROXY: boolean;
    REQUEST_TIMEOUT_MS?: number;
    REQUEST_HEADERS_TIMEOUT_MS?: number;
  };
  logger?: FastifyServerOptions['logger'];
}

/**
 * Deadlines for receiving a request (Node's `requestTimeout` and `headersTimeout`). Fastify sets
 * none, so a client that sent headers and part of a body, then nothing, held its socket and the
 * body so far for as long as it liked. Node checks them every `connectionsCheckingInterval`
 * (30 s by default, too coarse for a 30 s deadline), here a tenth of the deadline, at most 1 s: a
 * walk over the connections still receiving, cheap. Past a deadline Node emits `clientError`,
 * answered 408 HARK_ERR_REQUEST_TIMEOUT and closed by `answerClientError`.
 */
function requestDeadlines(config: BaseServerOptions['config']) {
  const requestTimeout = config.REQUEST_TIMEOUT_MS ?? REQUEST_TIMEOUT_MS;
  const headersTimeout = Math.min(
    config.REQUEST_HEADERS_TIMEOUT_MS ?? REQUEST_HEADERS_TIMEOUT_MS,
    requestTimeout,
  );
  const connectionsCheckingInterval = Math.min(1_000, Math.max(50, Math.floor(requestTimeout / 10)));
  return { requestTimeout, http: { requestTimeout, headersTimeout, connectionsCheckingInterval } };
}

/**
 * A Fastify instance as every Hark service wants it: zod validation and serialisation, a
 * 16 KiB body limit, deadlines for receiving a request, JSON only, redacted logs, and request ids
 * that a caller may supply.
 */
export function createBaseServer(options: BaseServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? loggerOptions(options.config),
    bodyLimit: BODY_LIMIT_BYTES,
    ...requestDeadlines(options.config),
    trustProxy: options.config.TRUST_PROXY,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    // Malformed URLs and malformed HTTP get the documented error shape too, not Fastify's own.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // While draining, a request on a connection still open gets the catalogue's 503 (drainingGuard).
    return503OnClosing: false,
    // A caller's x-request-id is kept when it is sane, so logs can be joined across services.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
  });
  recordRoutes(app);
  drainingGuard(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a text/plain body is a client mistake (415), not a string to guess at.
  app.removeContentTypeParser('text/plain');
  // A callback hook, not an async one: it runs on every answer, and costs no promise this way.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  return app;
}

/**
 * Once the server is closing, a request that still arrives (on a keep-alive connection a client or
 * load balancer held open) is refused with 503 HARK_ERR_UNAVAILABLE, in the documented error shape,
 * and `Connection: close` (Fastify adds it), so the caller retries on another instance.
 */
function drainingGuard(app: FastifyInstance): void {
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  // A callback hook, not an async one: it runs on every request, and costs no promise this way.
  app.addHook('onRequest', (_request, _reply, done) =>
    done(draining ? new HarkError('UNAVAILABLE') : undefined),
  );
}
