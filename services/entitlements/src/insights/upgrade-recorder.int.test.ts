import { fixedClock } from '@hark/core';
import { recordInteraction } from '@hark/interactions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverAndDrain, planOf, subscriber } from '../testing/stripe-scenarios.js';
import { operator, startTestEntitlements, type TestEntitlements } from '../testing/test-entitlements.js';

// The first move onto a priced plan is recorded from the projection write, whichever writer
// made it: here a Stripe subscription, after the user hit the premium gate.
const clock = fixedClock('2026-07-01T09:00:00Z');
let env: TestEntitlements;

beforeEach(async () => {
  clock.set('2026-07-01T09:00:00Z');
  env = await startTestEntitlements({ clock, env: { INSIGHTS_FOLD_INTERVAL_MS: '0' } });
});
afterEach(() => env.close());

describe('upgrades for insights', () => {
  it('records a Stripe subscription as the first upgrade, converting the gate hit before it', async () => {
    const ada = await subscriber(env, 'ada');
    await recordInteraction(env.testRedis.redis, env.keys, {
      userId: 'ada',
      plan: 'free',
      handledBy: 'fallback',
      outcome: 'ok',
      latencyMs: 3,
      upsell: true,
      at: new Date('2026-07-01T08:00:00Z'),
    });
    await env.service.insightsFolder.fold({ maxMs: 1_000 });
    clock.set('2026-07-09T07:59:00Z');
    await deliverAndDrain(env, 'customer.subscription.created', ada.subscription);
    expect(await planOf(env, ada.apiKey)).toBe('premium');

    const upgrade = await env.testRedis.redis.hget(env.keys.insightsUpgrades(), 'ada');
    expect(upgrade).toBe(`${Date.parse('2026-07-09T07:59:00Z')}|premium|stripe`);
    const response = await env.app.inject({
      url: '/admin/insights?from=2026-07-01&to=2026-07-09',
      headers: operator(),
    });
    // 7 days 23 hours after the hit: within 30 days, not within 7.
    expect(response.json().gate).toMatchObject({
      usersHitGate: 1,
      upgradedWithin7Days: 0,
      upgradedWithin30Days: 1,
      firstUpgrades: 1,
    });
  });

  it('does not count a move between plans that are both unpriced, or a user already paying', async () => {
    await env.userWithKey('bob');
    const plan = { plan: 'free', reason: 'comp' };
    const put = (payload: object) =>
      env.app.inject({ method: 'PUT', url: '/admin/users/bob/grant', headers: operator(), payload });
    expect((await put(plan)).statusCode).toBe(200);
    expect(await env.testRedis.redis.hget(env.keys.insightsUpgrades(), 'bob')).toBeNull();
    expect((await put({ ...plan, plan: 'premium' })).statusCode).toBe(200);
    expect(await env.testRedis.redis.hget(env.keys.insightsUpgrades(), 'bob')).toMatch(/\|premium\|grant$/);
  });
});
