// Issue 20, item 6: an oversized body on a proxied path was streamed to the entitlement service,
// which refused it; the router then sometimes answered 503 on the kept-alive connection without
// reading the rest, and the next request on that connection never got an answer (2 of 12 tries).
// The router now refuses it itself: 413 HARK_ERR_BODY_TOO_LARGE and `Connection: close`, also for a
// chunked body, which it cuts at the limit as it streams through (a 4 MiB one answered 503 before).
import { connect, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestEntitlements,
  type TestEntitlements,
} from '../../../entitlements/src/testing/test-entitlements.js';
import { startTestRouter, type TestRouter } from '../testing/test-router.js';

let entitlements: TestEntitlements;
let router: TestRouter;
let userKey: string;
let port: number;

const urlOf = (app: FastifyInstance) => `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

beforeAll(async () => {
  entitlements = await startTestEntitlements();
  await entitlements.app.listen({ host: '127.0.0.1', port: 0 });
  // One key prefix for both, so the router's user is the entitlement service's too.
  router = await startTestRouter({
    ENTITLEMENTS_URL: urlOf(entitlements.app),
    REDIS_PREFIX: entitlements.testRedis.prefix,
    RATE_LIMIT_MAX: '10000',
  });
  userKey = await router.userWithKey('bulky');
  await router.app.listen({ host: '127.0.0.1', port: 0 });
  port = (router.app.server.address() as { port: number }).port;
});
afterAll(async () => {
  await router?.close();
  await entitlements?.close();
});

interface Exchange {
  /** Everything the router wrote on the connection. */
  received: string;
  /** Whether the router closed the connection. */
  closed: boolean;
}

/**
 * On one kept-alive connection: the oversized request, its whole body, then `GET /healthz`.
 * Resolves when the router closed the connection, answered /healthz, or after `waitMs`.
 */
function oversizedThenHealth(path: string, bytes: number, headers: string, waitMs = 3_000, chunked = false) {
  return new Promise<Exchange>((resolve) => {
    const socket: Socket = connect({ host: '127.0.0.1', port });
    let received = '';
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ received, closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('"status":"ok"')) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => {});
    const length = chunked ? 'transfer-encoding: chunked' : `content-length: ${bytes}`;
    socket.write(
      `POST ${path} HTTP/1.1\r\nhost: hark.test\r\nconnection: keep-alive\r\n${headers}` +
        `content-type: application/json\r\n${length}\r\n\r\n`,
    );
    const body = `{"pad":"${'x'.repeat(bytes - 10)}"}`;
    if (!chunked) socket.write(body);
    else {
      for (let at = 0; at < body.length; at += 4096) {
        const part = body.slice(at, at + 4096);
        socket.write(`${part.length.toString(16)}\r\n${part}\r\n`);
      }
      socket.write('0\r\n\r\n');
    }
    socket.write('GET /healthz HTTP/1.1\r\nhost: hark.test\r\n\r\n');
  });
}

function expectRefusedAndClosed(exchange: Exchange, limit: number) {
  const head = exchange.received.split('\r\n\r\n')[0]!.toLowerCase();
  expect(head).toMatch(/^http\/1\.1 413 /);
  expect(head).toContain('connection: close');
  expect(exchange.received).toContain('HARK_ERR_BODY_TOO_LARGE');
  expect(exchange.received).toContain(`larger than ${limit} bytes`);
  // Nothing is left waiting on the connection: the router closed it after the 413.
  expect(exchange.closed).toBe(true);
}

describe('an oversized body on a proxied path', () => {
  it('gets 413 and Connection: close from the router, every time (40 tries)', async () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const exchange = await oversizedThenHealth(
        '/v1/billing/checkout',
        64 * 1024,
        `authorization: Bearer ${userKey}\r\n`,
      );
      expectRefusedAndClosed(exchange, 16 * 1024);
    }
  });

  it('gets 413 and Connection: close too when its length is not declared (chunked)', async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const exchange = await oversizedThenHealth(
        '/v1/billing/checkout',
        4 * 1024 * 1024,
        `authorization: Bearer ${userKey}\r\n`,
        3_000,
        true,
      );
      expectRefusedAndClosed(exchange, 16 * 1024);
    }
  });

  it('is refused on the Stripe webhook path above its own 1 MiB limit', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const exchange = await oversizedThenHealth(
        '/webhooks/stripe',
        1024 * 1024 + 100,
        'stripe-signature: t=1,v1=0\r\n',
      );
      expectRefusedAndClosed(exchange, 1024 * 1024);
    }
  });

  it('still proxies a body within the limit, and the connection goes on', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/v1/billing/checkout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${userKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ plan: 'premium' }),
    });
    expect(response.status).toBeLessThan(500);
    expect(response.status).not.toBe(413);
  });
});
