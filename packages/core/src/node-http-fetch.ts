import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';

/**
 * A `fetch` on node:http(s) with keep-alive agents, wrapping the node response as a Response; the
 * transport of the premium path (the router's calls to the conversation service, the service's to the
 * LLM and speech APIs). Requests whose body is not a string or bytes (multipart uploads) go through
 * the global fetch. It follows no redirects and asks for no compression (neither is used by the APIs
 * it calls). Against the global fetch (undici) it took about 0.5 ms off the conversation service's
 * added time to first token (docs/PERFORMANCE.md, llm-ttfb).
 */
export function createNodeHttpFetch(): typeof fetch {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true }),
    'https:': new HttpsAgent({ keepAlive: true }),
  };
  return (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = init.body ?? undefined;
    const plainBody = body === undefined || typeof body === 'string' || body instanceof Uint8Array;
    if (!plainBody || (url.protocol !== 'http:' && url.protocol !== 'https:')) return fetch(input, init);
    return new Promise<Response>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const outgoing = send(
        url,
        {
          method: init.method ?? 'GET',
          headers: Object.fromEntries(new Headers(init.headers)),
          agent: url.protocol === 'https:' ? agents['https:'] : agents['http:'],
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (incoming) => resolve(toResponse(incoming, init.method)),
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };
}

function toResponse(incoming: IncomingMessage, method: string | undefined): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, item);
  }
  const status = incoming.statusCode ?? 500;
  const bodiless = status === 204 || status === 304 || method === 'HEAD';
  if (bodiless) incoming.resume();
  const body = bodiless ? null : (Readable.toWeb(incoming) as unknown as ReadableStream<Uint8Array>);
  return new Response(body, { status, statusText: incoming.statusMessage ?? '', headers });
}
