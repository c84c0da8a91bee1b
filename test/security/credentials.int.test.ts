// Who may call what: revoked keys stop at once on every instance (each instance caches the user
// behind a key for 10 minutes here), user keys and the operator token each open only their own routes, Stripe webhooks need
// a valid signature, and the conversation service's /internal routes need INTERNAL_TOKEN.
import { loadConfig, registeredRoutes } from '@hark/core';
import { createTestRedisClient, signStripeDelivery, testRedisEnv } from '@hark/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRouter } from '../../services/router/src/app.js';
import { type HostileStack, stackSecrets, startHostileStack } from './support/hostile-stack.js';

/** Ten minutes: were revocation left to the cache's expiry, these tests could not pass. */
const LONG_CACHE = { AUTH_CACHE_TTL_MS: '600000' };

let stack: HostileStack;
let second: FastifyInstance;
let secondRedis: ReturnType<typeof createTestRedisClient>;

beforeAll(async () => {
  stack = await startHostileStack('credentials', { env: LONG_CACHE });
  // A second router on the same Redis and prefix with its own connections: another instance.
  secondRedis = createTestRedisClient();
  await secondRedis.connect();
  second = await buildRouter({
    config: loadConfig({
      ...testRedisEnv(),
      REDIS_PREFIX: stack.testRedis.prefix,
      NODE_ENV: 'test',
      AUTH_FAILURE_LIMIT: '100000', // as the stack's: this suite tries wrong credentials on purpose
      ...stackSecrets,
      ...LONG_CACHE,
      ENTITLEMENTS_URL: `http://127.0.0.1:${(stack.entitlements.server.address() as { port: number }).port}`,
    }),
    redis: secondRedis,
    logger: false,
    conversation: null,
    voice: null,
    startScheduler: false,
  });
  await second.ready();
});
afterAll(async () => {
  await second?.close();
  secondRedis?.disconnect();
  await stack?.close();
});

const get = (
  app: FastifyInstance,
  url: string,
  authorization?: string,
  headers: Record<string, string> = {},
) => app.inject({ method: 'GET', url, headers: { ...(authorization ? { authorization } : {}), ...headers } });
const revoke = (keyId: string) =>
  stack.router.inject({
    method: 'DELETE',
    url: `/admin/keys/${keyId}`,
    headers: { authorization: `Bearer ${stackSecrets.ADMIN_TOKEN}` },
  });

describe('a revoked API key', () => {
  it('stops working at once on every instance and in the entitlement service, cached or not', async () => {
    for (let round = 0; round < 20; round++) {
      const { key, keyId } = await stack.userWithKey(`revoked-${round}`);
      const bearer = `Bearer ${key}`;
      // Warm every cache that holds the key.
      for (const app of [stack.router, second])
        expect((await get(app, '/v1/timers', bearer)).statusCode).toBe(200);
      expect((await get(stack.entitlements, '/v1/me', bearer)).statusCode).toBe(200);

      expect((await revoke(keyId)).statusCode).toBe(204);
      for (const [name, app, url] of [
        ['revoking router', stack.router, '/v1/timers'],
        ['other router', second, '/v1/timers'],
        ['entitlement service', stack.entitlements, '/v1/me'],
      ] as const) {
        const response = await get(app, url, bearer);
        expect(response.statusCode, `${name}, round ${round}`).toBe(401);
        expect(response.json().error.code).toBe('HARK_ERR_UNAUTHORIZED');
      }
    }
  });

  it('given to someone else, opens only the new account, on an instance that cached the old owner', async () => {
    const { key } = await stack.userWithKey('first-owner');
    expect((await get(second, '/v1/timers', `Bearer ${key}`)).statusCode).toBe(200);
    expect((await second.users.authenticate(key))?.user.id).toBe('first-owner');
    await stack.router.users.createUser({ id: 'second-owner' });
    await stack.router.users.addApiKey('second-owner', key);
    expect((await second.users.authenticate(key))?.user.id).toBe('second-owner');
    expect((await get(stack.entitlements, '/v1/me', `Bearer ${key}`)).json().user.id).toBe('second-owner');
  });
});

describe('operator routes', () => {
  let userKey: string;
  beforeAll(async () => {
    userKey = (await stack.userWithKey('not-an-operator')).key;
  });
  const operatorUrls = [
    '/admin/users/not-an-operator',
    '/admin/plans',
    '/admin/audit',
    '/admin/kill-switches',
  ];

  it.each(operatorUrls)(
    '%s refuses a user key (403), no key (401) and a near miss of the token (403)',
    async (url) => {
      for (const app of url.startsWith('/admin/users')
        ? [stack.router]
        : [stack.router, stack.entitlements]) {
        const cases = [
          [`Bearer ${userKey}`, 403, 'HARK_ERR_FORBIDDEN'],
          [undefined, 401, 'HARK_ERR_UNAUTHORIZED'],
          [`Bearer ${stackSecrets.ADMIN_TOKEN}x`, 403, 'HARK_ERR_FORBIDDEN'],
          [`Bearer ${stackSecrets.ADMIN_TOKEN.slice(0, -1)}`, 403, 'HARK_ERR_FORBIDDEN'],
          [
            `Basic ${Buffer.from(`admin:${stackSecrets.ADMIN_TOKEN}`).toString('base64')}`,
            401,
            'HARK_ERR_UNAUTHORIZED',
          ],
          [stackSecrets.ADMIN_TOKEN, 401, 'HARK_ERR_UNAUTHORIZED'],
        ] as const;
        for (const [authorization, status, code] of cases) {
          const response = await get(app, url, authorization);
          expect(response.statusCode, `${url} with ${authorization ?? 'nothing'}`).toBe(status);
          expect(response.json().error.code).toBe(code);
        }
        expect((await get(app, url, `Bearer ${stackSecrets.ADMIN_TOKEN}`)).statusCode).toBe(200);
      }
    },
  );

  it('user routes refuse the operator token: it is not a user (design: two separate credentials)', async () => {
    for (const [app, url] of [
      [stack.router, '/v1/timers'],
      [stack.router, '/v1/me'],
      [stack.entitlements, '/v1/me'],
    ] as const) {
      const response = await get(app, url, `Bearer ${stackSecrets.ADMIN_TOKEN}`);
      expect(response.statusCode, url).toBe(401);
      expect(response.json().error.code).toBe('HARK_ERR_UNAUTHORIZED');
    }
  });
});

describe('the Stripe webhook', () => {
  const deliveries = () => {
    const event = stack.stripe.event('customer.subscription.updated', {
      id: 'sub_unknown',
      customer: 'cus_x',
    });
    const { body, headers } = event.delivery;
    const signature = headers['stripe-signature'];
    const forged = signStripeDelivery(JSON.parse(body), 'whsec_guessed');
    const stale = signStripeDelivery(JSON.parse(body), stack.stripe.webhookSecret, {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    return {
      valid: { body, headers },
      cases: [
        ['unsigned', body, { 'content-type': 'application/json' }],
        ['signed with another secret', forged.body, forged.headers],
        ['signed an hour ago (a replay)', stale.body, stale.headers],
        ['a valid signature over another body', body.replace('sub_unknown', 'sub_other__'), headers],
        ['a signature header of garbage', body, { ...headers, 'stripe-signature': 't=1,v1=00' }],
        [
          'the signature without its timestamp',
          body,
          { ...headers, 'stripe-signature': signature.split(',').slice(1).join(',') },
        ],
      ] as const,
    };
  };

  it.each(['router', 'entitlements'] as const)(
    'refuses unsigned and badly signed calls (through the %s)',
    async (via) => {
      const app = via === 'router' ? stack.router : stack.entitlements;
      const { valid, cases } = deliveries();
      for (const [label, payload, headers] of cases) {
        const response = await app.inject({ method: 'POST', url: '/webhooks/stripe', payload, headers });
        expect(response.statusCode, label).toBe(400);
        expect(response.json().error.code, label).toBe('HARK_ERR_INVALID_SIGNATURE');
      }
      const accepted = await app.inject({
        method: 'POST',
        url: '/webhooks/stripe',
        ...{ payload: valid.body, headers: valid.headers },
      });
      expect(accepted.statusCode, 'the same event, signed properly').toBe(200);
    },
  );
});

describe("the conversation service's /internal routes", () => {
  it('refuse every call without the internal token, whatever else it carries', async () => {
    const internal = registeredRoutes(stack.conversation).filter(
      (route) => route.url.startsWith('/internal') && route.method !== 'HEAD',
    );
    expect(internal.map((route) => route.url)).toEqual(
      expect.arrayContaining(['/internal/turns', '/internal/speech', '/internal/transcriptions']),
    );
    const { key } = await stack.userWithKey('outsider', 'premium');
    const cases = [
      [{}, 401, 'HARK_ERR_INTERNAL_TOKEN_REQUIRED'],
      [{ authorization: `Bearer ${key}` }, 401, 'HARK_ERR_INTERNAL_TOKEN_REQUIRED'],
      [{ authorization: `Bearer ${stackSecrets.INTERNAL_TOKEN}` }, 401, 'HARK_ERR_INTERNAL_TOKEN_REQUIRED'],
      [{ 'x-hark-internal-token': '' }, 401, 'HARK_ERR_INTERNAL_TOKEN_REQUIRED'],
      [{ 'x-hark-internal-token': stackSecrets.ADMIN_TOKEN }, 403, 'HARK_ERR_FORBIDDEN'],
      [{ 'x-hark-internal-token': `${stackSecrets.INTERNAL_TOKEN} ` }, 403, 'HARK_ERR_FORBIDDEN'],
      [{ 'x-hark-internal-token': stackSecrets.INTERNAL_TOKEN.toUpperCase() }, 403, 'HARK_ERR_FORBIDDEN'],
    ] as const;
    stack.openAi.reset();
    for (const route of internal) {
      for (const [headers, status, code] of cases) {
        const response = await stack.conversation.inject({
          method: route.method as 'POST',
          url: route.url,
          headers: { 'content-type': 'application/json', ...headers },
          payload: JSON.stringify({ userId: 'outsider', text: 'hello' }),
        });
        expect(response.statusCode, `${route.method} ${route.url} ${JSON.stringify(headers)}`).toBe(status);
        expect(response.json().error.code).toBe(code);
      }
    }
    // Nothing reached the model or the speech APIs.
    expect(stack.openAi.requests).toEqual([]);
    expect(stack.openAi.audioRequests).toEqual([]);
  });
});
