import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HarkError, isHarkError } from '../errors.js';
import { isRedisUnavailableError } from '../redis.js';

interface FieldProblem {
  field: string;
  message: string;
}

function validationProblems(error: FastifyError): FieldProblem[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const where = error.validationContext ?? 'body';
  // The body itself has instancePath "/": it is "body", not "body.".
  return error.validation.map((issue) => ({
    field: `${where}${issue.instancePath.replace(/^\/$/, '').replaceAll('/', '.')}`,
    message: issue.message ?? 'is invalid',
  }));
}

/** Fastify's own errors (parsing, limits, routing) mapped onto the catalogue. */
function translateFrameworkError(error: FastifyError, request: FastifyRequest): HarkError | null {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = validationProblems(error);
    const summary = problems.map((p) => `${p.field} ${p.message}`).join('; ');
    return new HarkError('VALIDATION', { summary }, problems);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HarkError('BODY_TOO_LARGE', { limit: request.routeOptions.bodyLimit });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HarkError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HarkError('INVALID_JSON');
    default:
      break;
  }
  if (error.name === 'SyntaxError' && error.statusCode === 400) return new HarkError('INVALID_JSON');
  return null;
}

/** A 4xx from a plugin we did not map one by one: keep its meaning, never its internals. */
function translateClientError(status: number, request: FastifyRequest): HarkError {
  switch (status) {
    case 404:
      return new HarkError('ROUTE_NOT_FOUND', { method: request.method, url: request.url.split('?')[0] });
    case 405:
      return new HarkError('METHOD_NOT_ALLOWED', { method: request.method });
    case 413:
      return new HarkError('BODY_TOO_LARGE', { limit: request.routeOptions.bodyLimit });
    case 415:
      return new HarkError('UNSUPPORTED_MEDIA_TYPE');
    default:
      return new HarkError('BAD_REQUEST');
  }
}

/**
 * What a caller may be told about any error, also one caught outside Fastify's handler (after a
 * stream started): catalogue errors as they are, an unreachable Redis as 503, else a 500 that
 * names only the request id.
 */
export function clientErrorOf(error: unknown, requestId: string): HarkError {
  if (isHarkError(error)) return error;
  if (isRedisUnavailableError(error)) return new HarkError('UNAVAILABLE');
  return new HarkError('INTERNAL', { requestId });
}

function toHarkError(error: FastifyError, request: FastifyRequest): HarkError {
  if (isHarkError(error)) return error;
  const translated = translateFrameworkError(error, request);
  if (translated) return translated;
  if (
    !isRedisUnavailableError(error) &&
    error.statusCode &&
    error.statusCode >= 400 &&
    error.statusCode < 500
  ) {
    return translateClientError(error.statusCode, request);
  }
  return clientErrorOf(error, request.id);
}

/**
 * Every error leaves as `{error: {code, message, details?}}` with a HARK_ERR_* code.
 * 5xx bodies never carry internals; the cause is logged with the request id instead.
 */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const harkError = toHarkError(error, request);
      if (harkError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: harkError.code }, harkError.message);
      return reply.status(harkError.statusCode).send(harkError.toBody());
    });

    app.setNotFoundHandler((request, reply) => {
      const error = new HarkError('ROUTE_NOT_FOUND', {
        method: request.method,
        url: request.url.split('?')[0],
      });
      return reply.status(404).send(error.toBody());
    });
  },
  { name: 'hark-error-handler', fastify: '5.x' },
);
