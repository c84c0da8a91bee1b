// Security headers and CORS, as a browser sees them: every service answers with a deliberate
// Content-Security-Policy and friends (errors and 404s included), HSTS only behind TLS, and CORS
// only for the origins CORS_ORIGINS lists.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestConversation,
  type TestConversation,
} from '../../services/conversation/src/testing/test-conversation.js';
import {
  startTestEntitlements,
  type TestEntitlements,
} from '../../services/entitlements/src/testing/test-entitlements.js';
import { bearer, startTestRouter, type TestRouter } from '../../services/router/src/testing/test-router.js';

const allowedOrigin = 'https://app.example.com';

/** The policy as directive -> sources. */
function policyOf(response: LightMyRequestResponse): Map<string, string[]> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectStrictHeaders(response: LightMyRequestResponse) {
  const policy = policyOf(response);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('script-src-attr')).toEqual(["'none'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
}

describe('router, default configuration (plain http, no CORS origins)', () => {
  let router: TestRouter;
  let key: string;
  beforeAll(async () => {
    router = await startTestRouter();
    key = await router.userWithKey('ada');
  });
  afterAll(() => router.close());

  it.each([
    ['a JSON answer', 'GET', '/healthz', {}],
    ['the web client', 'GET', '/', {}],
    ['the operator console', 'GET', '/console/', {}],
    ['a 401', 'GET', '/v1/timers', {}],
    ['a 404', 'GET', '/no/such/route', {}],
    ['a 400', 'POST', '/v1/converse', { 'content-type': 'application/json' }],
    ['a 403 on /admin', 'GET', '/admin/plans', { authorization: 'Bearer not-the-operator-token' }],
  ] as const)('sends the strict policy with %s', async (_label, method, url, headers) => {
    const response = await router.app.inject({
      method,
      url,
      headers,
      payload: method === 'POST' ? '{}' : undefined,
    });
    expectStrictHeaders(response);
    const policy = policyOf(response);
    // Pages: no inline script or style at all, only this origin.
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('loosens only style-src, and only for Swagger UI at /docs', async () => {
    for (const url of ['/docs/', '/docs/static/swagger-initializer.js']) {
      const response = await router.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expectStrictHeaders(response);
      expect(policyOf(response).get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    }
    // The page loads scripts by URL only: nothing inline for script-src 'self' to block.
    const page = await router.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  });

  it('answers no CORS preflight: a browser on another origin gets nothing to go on', async () => {
    const response = await router.app.inject({
      method: 'OPTIONS',
      url: '/v1/converse',
      headers: { origin: allowedOrigin, 'access-control-request-method': 'POST' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('HARK_ERR_ROUTE_NOT_FOUND');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await router.app.inject({
      method: 'GET',
      url: '/v1/timers',
      headers: { ...bearer(key), origin: allowedOrigin },
    });
    expect(simple.statusCode).toBe(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('router behind TLS (PUBLIC_BASE_URL is https) with CORS origins', () => {
  let router: TestRouter;
  let key: string;
  beforeAll(async () => {
    router = await startTestRouter({
      PUBLIC_BASE_URL: 'https://hark.example.com',
      CORS_ORIGINS: `${allowedOrigin}, http://localhost:5173`,
    });
    key = await router.userWithKey('ada');
  });
  afterAll(() => router.close());

  it('sends HSTS and upgrades sub-requests', async () => {
    const response = await router.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(policyOf(response).has('upgrade-insecure-requests')).toBe(true);
    expectStrictHeaders(response);
  });

  it('answers a preflight from a listed origin, without the API key, and allows no cookies', async () => {
    const response = await router.app.inject({
      method: 'OPTIONS',
      url: '/v1/converse',
      headers: {
        origin: allowedOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(allowedOrigin);
    expect(String(response.headers.vary)).toMatch(/origin/i);
    expect(String(response.headers['access-control-allow-methods']).split(/,\s*/)).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
    );
    expect(String(response.headers['access-control-allow-headers']).split(/,\s*/)).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'last-event-id']),
    );
    expect(response.headers['access-control-max-age']).toBe('600');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('names no origin for a preflight from an origin not listed', async () => {
    for (const origin of ['https://evil.example', 'https://app.example.com.evil.example', 'null']) {
      const response = await router.app.inject({
        method: 'OPTIONS',
        url: '/v1/converse',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(response.headers['access-control-allow-origin'], origin).toBeUndefined();
    }
  });

  it('lets the listed origin read answers and their request id, errors included', async () => {
    const ok = await router.app.inject({
      method: 'GET',
      url: '/v1/timers',
      headers: { ...bearer(key), origin: allowedOrigin },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(allowedOrigin);
    expect(String(ok.headers['access-control-expose-headers'])).toContain('x-request-id');
    const refused = await router.app.inject({
      method: 'GET',
      url: '/v1/timers',
      headers: { origin: allowedOrigin },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(allowedOrigin);
  });

  it('keeps CORS and security headers on the live event stream', async () => {
    const response = await router.app.inject({
      method: 'GET',
      url: '/v1/events',
      headers: { ...bearer(key), origin: allowedOrigin },
      payloadAsStream: true,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    expect(response.headers['access-control-allow-origin']).toBe(allowedOrigin);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    response.stream().destroy();
  });
});

describe('the other services', () => {
  let entitlements: TestEntitlements;
  let conversation: TestConversation;
  beforeAll(async () => {
    entitlements = await startTestEntitlements({ stripe: false, env: { CORS_ORIGINS: allowedOrigin } });
    conversation = await startTestConversation({ CORS_ORIGINS: allowedOrigin });
  });
  afterAll(async () => {
    await entitlements?.close();
    await conversation?.close();
  });

  it('the entitlement service sends the same headers and honours CORS_ORIGINS', async () => {
    const response = await entitlements.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { origin: allowedOrigin },
    });
    expect(response.statusCode).toBe(401);
    expectStrictHeaders(response);
    expect(response.headers['access-control-allow-origin']).toBe(allowedOrigin);
  });

  it('the conversation service sends the same headers and never answers CORS (only services call it)', async () => {
    const response = await conversation.app.inject({
      method: 'OPTIONS',
      url: '/internal/turns',
      headers: { origin: allowedOrigin, 'access-control-request-method': 'POST' },
    });
    expect(response.statusCode).toBe(404);
    expectStrictHeaders(response);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
