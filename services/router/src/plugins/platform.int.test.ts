import { Writable } from 'node:stream';
import { createRedis, loadConfig, loggerOptions, redisTargetOf, sha256Hex } from '@hark/core';
import { connectTestRedis, keysMatching, testRedisEnv } from '@hark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRouter } from '../app.js';
import { ADMIN_TOKEN, bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

let router: TestRouter;
let key: string;
beforeAll(async () => {
  router = await startTestRouter({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
  key = await router.userWithKey('ada');
});
afterAll(() => router.close());

describe('health, docs and metrics', () => {
  it('/healthz and /readyz answer', async () => {
    expect((await router.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await router.app.inject({ url: '/readyz' })).json()).toEqual({
      status: 'ready',
      checks: { redis: 'ok' },
    });
  });

  it('publishes OpenAPI generated from the route schemas, and Swagger UI', async () => {
    const spec = (await router.app.inject({ url: '/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of [
      '/v1/converse',
      '/v1/nlu/parse',
      '/admin/users',
      '/admin/users/{id}/keys',
      '/admin/keys/{keyId}',
      '/healthz',
    ]) {
      expect(Object.keys(spec.paths), path).toContain(path);
    }
    const converse = spec.paths['/v1/converse'].post;
    expect(converse.requestBody.content['application/json'].schema.properties.text.maxLength).toBe(1000);
    expect(Object.keys(converse.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '429', '501']),
    );
    expect(Object.keys(spec.paths['/v1/timers'].post.responses)).toContain('429');
    expect(Object.keys(spec.paths['/admin/users'].post.responses)).not.toContain('429');
    expect(JSON.stringify(spec)).toContain('ConverseResult');
    const docs = await router.app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('echoes a sane x-request-id and replaces an unsafe one', async () => {
    const kept = await router.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await router.app.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('rate limit per API key', () => {
  const call = (k: string) =>
    router.app.inject({
      method: 'POST',
      url: '/v1/nlu/parse',
      headers: bearer(k),
      payload: { text: 'hi' },
    });

  it('answers 429 with Retry-After once the budget is spent, per key, with the budget in headers', async () => {
    for (let i = 0; i < 3; i++) {
      const allowed = await call(key);
      expect(allowed.statusCode).toBe(200);
      expect(allowed.headers['x-ratelimit-limit']).toBe('3');
      expect(allowed.headers['x-ratelimit-remaining']).toBe(String(2 - i));
      expect(Number(allowed.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
      expect(Number(allowed.headers['x-ratelimit-reset'])).toBeLessThanOrEqual(60);
    }
    const limited = await call(key);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    expect(limited.json().error.code).toBe('HARK_ERR_RATE_LIMITED');
    const other = await router.userWithKey('bob');
    expect((await call(other)).statusCode).toBe(200);
    const stored = await keysMatching(router.testRedis.redis, `${router.testRedis.prefix}ratelimit:*`);
    expect(stored).toHaveLength(2);
  });

  it('counts nothing for an unknown or revoked key, which gets 401 rather than 429', async () => {
    const before = await keysMatching(router.testRedis.redis, `${router.testRedis.prefix}ratelimit:*`);
    const unknown = await call('no-such-key-123');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.headers['x-ratelimit-limit']).toBeUndefined();
    const revoked = await router.userWithKey('cy');
    expect((await call(revoked)).statusCode).toBe(200);
    const found = await router.app.users.authenticate(revoked);
    await router.app.users.revokeApiKey(found!.keyId);
    for (let i = 0; i < 4; i++) expect((await call(revoked)).statusCode).toBe(401);
    const after = await keysMatching(router.testRedis.redis, `${router.testRedis.prefix}ratelimit:*`);
    expect(after).toHaveLength(before.length + 1);
  });

  it('starts a new window once the counter expires', async () => {
    const dan = await router.userWithKey('dan');
    for (let i = 0; i < 3; i++) await call(dan);
    expect((await call(dan)).statusCode).toBe(429);
    // The window's end brought forward: what a minute of waiting would do.
    const counter = router.keys.requestCount(sha256Hex(dan));
    expect(await router.testRedis.redis.get(counter)).toBe('4');
    await router.testRedis.redis.pexpire(counter, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const fresh = await call(dan);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers['x-ratelimit-remaining']).toBe('2');
  });
});

describe('logs', () => {
  it('never contain API keys, operator tokens or authorization headers', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const testRedis = await connectTestRedis('logs');
    const config = loadConfig({
      ...testRedisEnv(),
      REDIS_PREFIX: testRedis.prefix,
      ADMIN_TOKEN,
      LOG_LEVEL: 'trace',
    });
    const app = await buildRouter({
      config,
      redis: testRedis.redis,
      logger: { ...loggerOptions(config), stream: sink },
    });
    await app.users.createUser({ id: 'ada' });
    const { key: secretKey } = await app.users.addApiKey('ada');
    await app.inject({
      method: 'POST',
      url: '/v1/converse',
      headers: bearer(secretKey),
      payload: { text: 'what time is it' },
    });
    await app.inject({
      method: 'POST',
      url: '/admin/users',
      headers: bearer(ADMIN_TOKEN),
      payload: { id: 'x' },
    });
    await app.inject({
      method: 'POST',
      url: '/v1/converse',
      headers: bearer(`${secretKey}-wrong`),
      payload: { text: 'x' },
    });
    await app.close();
    await testRedis.cleanup();
    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(4);
    expect(all).toContain('requestId');
    expect(all).not.toContain(secretKey);
    expect(all).not.toContain(ADMIN_TOKEN);
  });
});

describe('Redis outage', () => {
  it('answers 503 HARK_ERR_UNAVAILABLE and readiness says down, without crashing', async () => {
    const testRedis = await connectTestRedis('outage');
    const config = loadConfig({
      ...testRedisEnv(),
      REDIS_PREFIX: testRedis.prefix,
      ADMIN_TOKEN,
      AUTH_CACHE_TTL_MS: '0',
    });
    const redis = createRedis(redisTargetOf(config));
    await redis.connect();
    const app = await buildRouter({ config, redis, logger: false });
    await app.users.createUser({ id: 'ada' });
    const { key: adaKey } = await app.users.addApiKey('ada');
    redis.disconnect();
    const turn = await app.inject({
      method: 'POST',
      url: '/v1/converse',
      headers: bearer(adaKey),
      payload: { text: 'hi' },
    });
    expect(turn.statusCode).toBe(503);
    expect(turn.json().error.code).toBe('HARK_ERR_UNAVAILABLE');
    expect(turn.body).not.toMatch(/Connection|ioredis|stack/i);
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks.redis).toBe('down');
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    await app.close();
    await testRedis.cleanup();
  });
});
