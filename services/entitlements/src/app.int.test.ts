import { loadConfig } from '@hark/core';
import { testRedisEnv } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildEntitlements } from './app.js';
import { operator, startTestEntitlements, type TestEntitlements } from './testing/test-entitlements.js';

let env: TestEntitlements;
beforeEach(async () => {
  env = await startTestEntitlements();
});
afterEach(() => env.close());

describe('entitlement service', () => {
  it('answers health checks and describes every route in OpenAPI', async () => {
    expect((await env.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await env.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    const openapi = await env.app.inject({ url: '/openapi.json' });
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json().paths)).toEqual(
      expect.arrayContaining([
        '/v1/me',
        '/v1/billing/checkout',
        '/v1/billing/portal',
        '/admin/plans',
        '/admin/plans/{id}',
        '/admin/kill-switches/{feature}',
        '/admin/users/{id}/grant',
        '/admin/users/{id}/entitlements',
        '/admin/audit',
        '/admin/stripe/resync',
        '/webhooks/stripe',
      ]),
    );
  });

  it('seeds plans into an empty Redis only: a restart never undoes an operator edit', async () => {
    await env.app.inject({
      method: 'PATCH',
      url: '/admin/plans/premium',
      headers: operator(),
      payload: { limits: { 'conversation.turns_per_day': 999 } },
    });
    const config = loadConfig({
      ...testRedisEnv(),
      REDIS_PREFIX: env.testRedis.prefix,
      NODE_ENV: 'test',
    });
    const restarted = await buildEntitlements({ config, redis: env.testRedis.redis, logger: false });
    await restarted.ready();
    try {
      const plan = await restarted.entitlementService.plans.get('premium');
      expect(plan?.limits['conversation.turns_per_day']).toBe(999);
    } finally {
      await restarted.close();
    }
    const seeds = (await env.app.inject({ url: '/admin/audit', headers: operator() })).json().entries;
    expect(seeds.filter((entry: { action: string }) => entry.action === 'plan.seed')).toHaveLength(2);
  });
});
