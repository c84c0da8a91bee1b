import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HarkError } from '../errors.js';

/**
 * Headers of the answers written before any route or hook runs (the security plugin's helmet
 * hooks included): an error body loads nothing, so the strictest policy fits it.
 */
export const outOfBandHeaders = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
} as const;

const reasons: Record<string, string> = {
  FST_ERR_BAD_URL: 'the path has a broken %-escape',
  FST_ERR_MAX_PARAM_LENGTH: 'a path segment is longer than 100 characters',
};

/**
 * Fastify's `frameworkErrors`: a URL the router cannot even match. No route, hook or error handler
 * runs for it, so the answer is written here, in the documented shape, with the headers above.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const reason = reasons[error.code];
  const harkError = reason
    ? new HarkError('BAD_REQUEST', {}, { reason })
    : new HarkError('INTERNAL', { requestId: request.id });
  if (reason) request.log.info({ code: harkError.code, reason }, harkError.message);
  else request.log.error({ err: error }, 'framework error');
  return reply
    .code(harkError.statusCode)
    .headers({ ...outOfBandHeaders, 'x-request-id': request.id })
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(harkError.toBody()));
}

function clientErrorOf(error: NodeJS.ErrnoException): HarkError {
  if (error.code === 'HPE_HEADER_OVERFLOW')
    return new HarkError('HEADERS_TOO_LARGE', { limit: maxHeaderSize });
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return new HarkError('REQUEST_TIMEOUT');
  return new HarkError('BAD_REQUEST', {}, { reason: 'the request is not valid HTTP' });
}

/**
 * Fastify's `clientErrorHandler`: bytes Node's HTTP parser refused (broken request line, headers
 * over the limit, a request that never finished). Answered on the socket, as Fastify's default
 * does, but in the documented error shape.
 */
export function answerClientError(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const harkError = clientErrorOf(error);
  this.log.debug({ code: harkError.code, reason: error.code }, 'refused a malformed request');
  const body = JSON.stringify(harkError.toBody());
  const headers = Object.entries(outOfBandHeaders).map(([name, value]) => `${name}: ${value}\r\n`);
  // An answer already under way on this socket (a reply sent before the body had all arrived) would
  // be corrupted by a second one: the socket is only closed then, as Node's own handler does.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    socket.write(
      `HTTP/1.1 ${harkError.statusCode} ${STATUS_CODES[harkError.statusCode]}\r\n` +
        `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `${headers.join('')}connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
