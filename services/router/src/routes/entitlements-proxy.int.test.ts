import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

interface Received {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A stand-in for the entitlement service: records each request exactly as it arrived. */
async function startFakeUpstream(received: Received[]): Promise<FastifyInstance> {
  const upstream = Fastify({ bodyLimit: 1024 * 1024 });
  upstream.removeAllContentTypeParsers();
  upstream.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  upstream.all('/*', async (request, reply) => {
    received.push({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: (request.body as Buffer | undefined) ?? Buffer.alloc(0),
    });
    if (request.url.startsWith('/v1/billing/portal')) {
      return reply.status(404).send({ error: { code: 'HARK_ERR_NO_BILLING_ACCOUNT', message: 'none' } });
    }
    return reply.header('x-upstream', 'entitlements').send({ proxied: request.url });
  });
  await upstream.listen({ port: 0, host: '127.0.0.1' });
  return upstream;
}

const urlOf = (server: FastifyInstance) =>
  `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;

const received: Received[] = [];
let upstream: FastifyInstance;
let router: TestRouter;
let userKey: string;
const operator = bearer(ADMIN_TOKEN);

beforeAll(async () => {
  upstream = await startFakeUpstream(received);
  router = await startTestRouter({ ENTITLEMENTS_URL: urlOf(upstream), RATE_LIMIT_MAX: '40' });
  userKey = await router.userWithKey('ada');
});
afterAll(async () => {
  await router.close();
  await upstream.close();
});
beforeEach(() => {
  received.length = 0;
});

describe('user paths', () => {
  it('forwards GET /v1/me with the caller key and request id', async () => {
    const response = await router.app.inject({
      url: '/v1/me',
      headers: { ...bearer(userKey), 'x-request-id': 'req-123' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ proxied: '/v1/me' });
    expect(response.headers['x-upstream']).toBe('entitlements');
    expect(received[0]).toMatchObject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${userKey}`, 'x-request-id': 'req-123' },
    });
  });

  it('forwards /v1/billing/* with the JSON body untouched', async () => {
    const payload = '{"plan":  "premium"}';
    const response = await router.app.inject({
      method: 'POST',
      url: '/v1/billing/checkout',
      headers: { ...bearer(userKey), 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode).toBe(200);
    expect(received[0]!.url).toBe('/v1/billing/checkout');
    expect(received[0]!.body.toString()).toBe(payload);
  });

  it("passes the service's own errors through unchanged", async () => {
    const response = await router.app.inject({
      method: 'POST',
      url: '/v1/billing/portal',
      headers: bearer(userKey),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('HARK_ERR_NO_BILLING_ACCOUNT');
  });

  it('refuses a missing or unknown key before the service sees it', async () => {
    expect((await router.app.inject({ url: '/v1/me' })).statusCode).toBe(401);
    expect((await router.app.inject({ url: '/v1/me', headers: bearer('nope-nope-nope') })).statusCode).toBe(
      401,
    );
    expect(received).toEqual([]);
  });

  it('counts proxied calls against the key rate limit', async () => {
    const key = await router.userWithKey('busy');
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++)
      statuses.push((await router.app.inject({ url: '/v1/me', headers: bearer(key) })).statusCode);
    expect(statuses.slice(0, 40).every((status) => status === 200)).toBe(true);
    expect(statuses[40]).toBe(429);
  });
});

describe('operator paths', () => {
  it.each([
    ['GET', '/admin/plans'],
    ['POST', '/admin/plans'],
    ['GET', '/admin/plans/premium'],
    ['PATCH', '/admin/plans/premium'],
    ['PUT', '/admin/kill-switches/conversation'],
    ['PUT', '/admin/users/ada/grant'],
    ['DELETE', '/admin/users/ada/grant'],
    ['GET', '/admin/users/ada/entitlements'],
    ['GET', '/admin/audit?limit=5'],
    ['POST', '/admin/stripe/resync'],
  ] as const)('forwards %s %s with the operator token', async (method, url) => {
    const response = await router.app.inject({ method, url, headers: operator });
    expect(response.statusCode).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method, url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  });

  it('refuses a user key on the entitlement admin routes', async () => {
    const response = await router.app.inject({
      method: 'PUT',
      url: '/admin/users/ada/grant',
      headers: bearer(userKey),
    });
    expect(response.statusCode).toBe(403);
    expect(received).toEqual([]);
  });

  it("keeps the router's own admin routes", async () => {
    const response = await router.app.inject({ url: '/admin/users/ada', headers: operator });
    expect(response.statusCode).toBe(200);
    expect(received).toEqual([]);
  });
});

describe('POST /webhooks/stripe', () => {
  it('passes the raw body and signature through byte for byte, with no API key', async () => {
    // Odd spacing, key order, unicode and a size over the router's 16 KiB JSON limit: any re-parse
    // or re-serialisation would change the bytes and break Stripe's signature.
    const padding = 'é'.repeat(12_000);
    const payload = Buffer.from(`{ "id":"evt_1",  "type" : "invoice.paid","note":"${padding}"\n}`);
    const response = await router.app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': 't=1,v1=abc' },
      payload,
    });
    expect(response.statusCode).toBe(200);
    expect(received[0]!.headers['stripe-signature']).toBe('t=1,v1=abc');
    expect(received[0]!.body.equals(payload)).toBe(true);
  });
});

describe('with the entitlement service down', () => {
  // Over real HTTP: with inject, the failed upload stream rejects the injected request itself.
  it('answers 503 HARK_ERR_UPSTREAM_UNAVAILABLE in the standard shape', async () => {
    const gone = await startFakeUpstream([]);
    const goneUrl = urlOf(gone);
    await gone.close();
    const orphan = await startTestRouter({ ENTITLEMENTS_URL: goneUrl });
    try {
      const key = await orphan.userWithKey('ada');
      await orphan.app.listen({ port: 0, host: '127.0.0.1' });
      const json = { 'content-type': 'application/json' };
      for (const [path, init] of [
        ['/v1/me', { headers: bearer(key) }],
        [
          '/v1/billing/checkout',
          { method: 'POST', body: '{"plan":"premium"}', headers: { ...bearer(key), ...json } },
        ],
        ['/webhooks/stripe', { method: 'POST', body: '{}', headers: json }],
        ['/admin/plans', { headers: operator }],
      ] as const) {
        const response = await fetch(`${urlOf(orphan.app)}${path}`, init);
        expect(response.status).toBe(503);
        expect(await response.json()).toEqual({
          error: { code: 'HARK_ERR_UPSTREAM_UNAVAILABLE', message: expect.stringContaining('entitlements') },
        });
      }
    } finally {
      await orphan.close();
    }
  });
});
