import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Takes the response over from Fastify and opens a Server-Sent Events stream: no caching, no
 * proxy buffering (x-accel-buffering), the request id echoed. Returns the raw response to write to.
 */
export function openEventStream(request: FastifyRequest, reply: FastifyReply): ServerResponse {
  reply.hijack();
  const raw = reply.raw;
  // Headers hooks set on the reply (CORS) would be lost with the hijack: they go out with the head.
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) raw.setHeader(name, value);
  }
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  });
  raw.flushHeaders();
  return raw;
}

/** One Server-Sent Events frame with a JSON payload on a single `data:` line. */
export const sseFrame = (event: string, data: unknown): string =>
  `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Writes SSE frames to an open stream, dropping them once it has ended or broken. Frames written in
 * the same tick (deltas parsed from one upstream read) leave in one socket write: the socket is
 * corked on the first and uncorked on the next tick, which delays nothing but saves a syscall each.
 */
export function frameWriter(raw: ServerResponse): (event: string, data: unknown) => void {
  let corked = false;
  const uncork = () => {
    corked = false;
    // end() uncorks by itself; a second uncork could reach a socket already serving the next request.
    if (raw.writableCorked > 0) raw.uncork();
  };
  return (event, data) => {
    if (raw.writableEnded || raw.destroyed) return;
    if (!corked) {
      corked = true;
      raw.cork();
      process.nextTick(uncork);
    }
    raw.write(sseFrame(event, data));
  };
}
