// Property-based fuzzing of every route the router registers (found through its route table, so a
// new route is fuzzed without touching this file), with hostile bodies, headers, params and query
// strings. Every answer must be a non-5xx with the documented error shape, the process must keep
// serving, and no prototype may be polluted. FUZZ_SEED adds a seed, FUZZ_RUNS sets runs per route.

import { unusedPort } from '@hark/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  operatorProxyPaths,
  userProxyPaths,
  webhookProxyPaths,
} from '../../services/router/src/routes/entitlements-proxy.js';
import { silentWav } from '../../services/router/src/testing/wav-fixture.js';
import {
  fuzzableRoutes,
  fuzzRoutes,
  fuzzSettings,
  openApiInputs,
  prototypeSnapshot,
} from './support/fuzz-harness.js';
import { type HostileStack, stackSecrets, startHostileStack } from './support/hostile-stack.js';
import type { FuzzContext } from './support/request-arbitrary.js';

const settings = fuzzSettings(8);
const prototypesBefore = prototypeSnapshot();
const nothing: ReadonlySet<string> = new Set();

/** Ids and names that exist, so some fuzzed requests reach real items, lists and users. */
async function seedState(stack: HostileStack, key: string): Promise<string[]> {
  const post = async (url: string, payload: object, item: string) =>
    (
      await stack.router.inject({ method: 'POST', url, headers: { authorization: `Bearer ${key}` }, payload })
    ).json()[item]?.id as string;
  const audio = await stack.router.inject({
    method: 'POST',
    url: '/v1/converse/audio',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'audio/wav' },
    payload: silentWav(1),
  });
  const speechId = String(audio.json().reply?.audioUrl ?? '')
    .split('/')
    .at(-1);
  await post('/v1/lists', { name: 'packing' }, 'list');
  return [
    await post('/v1/timers', { durationSeconds: 600, name: 'eggs' }, 'timer'),
    await post('/v1/alarms', { time: '07:30', repeat: 'weekdays' }, 'alarm'),
    await post('/v1/reminders', { text: 'water the plants', inSeconds: 3600 }, 'reminder'),
    speechId,
    ...['shopping', 'packing', 'fuzzer', 'other', 'ghost', 'free', 'premium', 'conversation', 'voice.tts'],
    ...['resync', 'timers.max_active', 'checkout', 'portal'],
  ].filter((value): value is string => Boolean(value));
}

async function context(stack: HostileStack, router: FastifyInstance): Promise<FuzzContext> {
  const { key } = await stack.userWithKey('fuzzer', 'premium');
  await stack.userWithKey('other');
  return {
    ...openApiInputs([router, stack.entitlements]),
    templates: fuzzableRoutes(stack.entitlements),
    knownValues: await seedState(stack, key),
    credentials: { user: `Bearer ${key}`, operator: `Bearer ${stackSecrets.ADMIN_TOKEN}` },
  };
}

describe('fuzzing the router, with every upstream present', () => {
  let stack: HostileStack;
  beforeAll(async () => {
    stack = await startHostileStack('fuzz-router', { env: { RATE_LIMIT_MAX: '1000000' } });
  });
  afterAll(() => stack?.close());

  it('answers every hostile request to every route without a 5xx, in the documented shape', {
    timeout: 600_000,
  }, async () => {
    const routes = fuzzableRoutes(stack.router);
    // The table really is the app's: public, operator, proxied and webhook routes are all in it.
    for (const expected of [
      'POST /v1/converse',
      'GET /v1/events',
      'DELETE /admin/keys/:keyId',
      'POST /v1/billing/*',
      'POST /webhooks/stripe',
      'GET /v1/speech/:id',
    ]) {
      expect(routes.map((route) => `${route.method} ${route.url}`)).toContain(expected);
    }
    const outcome = await fuzzRoutes(stack.router, routes, await context(stack, stack.router), {
      ...settings,
      allowed503: () => nothing,
    });
    expect(outcome.failures).toEqual([]);
    expect(outcome.requests).toBeGreaterThanOrEqual(routes.length * settings.runs);
    for (const url of ['/healthz', '/readyz']) {
      expect((await stack.router.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
    expect(prototypeSnapshot()).toBe(prototypesBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

/** The router's proxied paths as patterns, from the same list the router registers. */
const proxied = [...userProxyPaths, ...operatorProxyPaths, ...webhookProxyPaths].map(
  // A parameter may be empty: the router matches "/admin/users//grant" to the proxy too.
  (path) => new RegExp(`^${path.prefix.replace(/:[^/]+/g, '[^/]*')}${path.exact ? '/?' : '(/.*)?'}$`),
);

/**
 * With the entitlement and conversation services down, the documented answers are 503s: the proxied
 * paths say UPSTREAM_UNAVAILABLE, server speech says SPEECH_UNAVAILABLE; nothing else may 503.
 */
function documented503(path: string): ReadonlySet<string> {
  if (proxied.some((pattern) => pattern.test(path))) return new Set(['HARK_ERR_UPSTREAM_UNAVAILABLE']);
  if (path === '/v1/converse/audio' || /^\/v1\/speech\/[^/]+$/.test(path)) {
    return new Set(['HARK_ERR_SPEECH_UNAVAILABLE']);
  }
  return nothing;
}

describe('fuzzing the router, with the entitlement and conversation services deliberately absent', () => {
  let stack: HostileStack;
  let lonely: FastifyInstance;
  beforeAll(async () => {
    stack = await startHostileStack('fuzz-lonely', { env: { RATE_LIMIT_MAX: '1000000' } });
    const port = await unusedPort(); // the upstream is deliberately absent
    const { buildRouter } = await import('../../services/router/src/app.js');
    const { loadConfig } = await import('@hark/core');
    const { testRedisEnv } = await import('@hark/testing');
    lonely = await buildRouter({
      config: loadConfig({
        ...testRedisEnv(),
        REDIS_PREFIX: stack.testRedis.prefix,
        NODE_ENV: 'test',
        ...stackSecrets,
        RATE_LIMIT_MAX: '1000000',
        ENTITLEMENTS_URL: `http://127.0.0.1:${port}`,
        CONVERSATION_URL: `http://127.0.0.1:${port}`,
        WEATHER_API_URL: stack.openMeteo.url,
        GEOCODING_API_URL: stack.openMeteo.url,
      }),
      redis: stack.testRedis.redis,
      logger: false,
      startScheduler: false,
    });
    await lonely.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await lonely?.close();
    await stack?.close();
  });

  it('answers 503 only where that is the documented answer, and serves everything else', {
    timeout: 600_000,
  }, async () => {
    const routes = fuzzableRoutes(lonely);
    expect(
      routes.filter((route) => proxied.some((pattern) => pattern.test(route.url))).length,
    ).toBeGreaterThan(10);
    const outcome = await fuzzRoutes(lonely, routes, await context(stack, lonely), {
      seeds: settings.seeds,
      runs: Math.max(2, Math.ceil(settings.runs / 3)),
      allowed503: documented503,
      // Over sockets: an upstream failing under a request body must still leave a clean answer.
      baseUrl: `http://127.0.0.1:${(lonely.server.address() as { port: number }).port}`,
    });
    expect(outcome.failures).toEqual([]);
    expect((await lonely.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect(prototypeSnapshot()).toBe(prototypesBefore);
  });
});
