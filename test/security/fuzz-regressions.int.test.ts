// What the fuzzers found, pinned as plain cases so each stays fixed whatever seed runs.
import { createServer } from 'node:net';
import { loadConfig } from '@hark/core';
import { testRedisEnv } from '@hark/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRouter } from '../../services/router/src/app.js';
import {
  ADMIN_TOKEN,
  bearer,
  startTestRouter,
  type TestRouter,
} from '../../services/router/src/testing/test-router.js';

let router: TestRouter;
let key: string;
beforeAll(async () => {
  router = await startTestRouter();
  key = await router.userWithKey('ada');
});
afterAll(() => router.close());

function expectDocumented(
  response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
  code: string,
) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
}

describe('fuzz findings, fixed', () => {
  it("a path with a broken %-escape was Fastify's own {error, code: FST_ERR_BAD_URL} without security headers", async () => {
    for (const url of ['/v1/timers/%', '/docs/static/%/x', '/v1/billing/%E0%A4%A']) {
      expectDocumented(
        await router.app.inject({ method: 'GET', url, headers: bearer(key) }),
        400,
        'HARK_ERR_BAD_REQUEST',
      );
    }
  });

  it('a path segment over 100 characters was a 414 FST_ERR_MAX_PARAM_LENGTH outside the catalogue', async () => {
    const response = await router.app.inject({
      method: 'DELETE',
      url: `/admin/users/${'x'.repeat(101)}/grant`,
      headers: bearer(ADMIN_TOKEN),
    });
    expectDocumented(response, 400, 'HARK_ERR_BAD_REQUEST');
  });

  it('a body of the wrong type named its field "body." instead of "body"', async () => {
    const response = await router.app.inject({
      method: 'POST',
      url: '/v1/timers',
      headers: { ...bearer(key), 'content-type': 'application/json' },
      payload: 'null',
    });
    expectDocumented(response, 400, 'HARK_ERR_VALIDATION');
    expect((response.json() as { error: { details: { field: string }[] } }).error.details[0]!.field).toBe(
      'body',
    );
  });
});

// Through inject this looked like a dropped connection (light-my-request rejects when the proxy
// destroys the request body stream); over a socket the answer is clean. Pinned over a socket.
describe('fuzz findings, pinned: the entitlement service down behind the proxy', () => {
  let lonely: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const upstream = `http://127.0.0.1:${(closed.address() as { port: number }).port}`;
    await new Promise((resolve) => closed.close(resolve));
    lonely = await buildRouter({
      config: loadConfig({
        ...testRedisEnv(),
        REDIS_PREFIX: router.testRedis.prefix,
        NODE_ENV: 'test',
        ADMIN_TOKEN,
        ENTITLEMENTS_URL: upstream,
      }),
      redis: router.testRedis.redis,
      logger: false,
      conversation: null,
      voice: null,
      startScheduler: false,
    });
    await lonely.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(lonely.server.address() as { port: number }).port}`;
  });
  afterAll(() => lonely?.close());

  it('answers 503 UPSTREAM_UNAVAILABLE to a proxied call with a body, over a real socket', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const response = await fetch(`${base}/admin/plans`, {
        method,
        headers: { ...bearer(ADMIN_TOKEN), 'content-type': 'application/json' },
        body: '{"id":"gold"}',
      });
      expect(response.status, method).toBe(503);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'HARK_ERR_UPSTREAM_UNAVAILABLE',
      );
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
