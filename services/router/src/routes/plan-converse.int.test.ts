import { type EntitlementChange, LIMITS } from '@hark/contracts';
import { fixedClock } from '@hark/core';
import { grantProjection, keysMatching, writeTestPlans } from '@hark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

// The entitlement service is the writer in production; here the test writes what it would.
const clock = fixedClock('2026-11-26T13:05:00Z');
const TRIAL = LIMITS.conversationTrialTurnsPerMonth;
const unmatched = { text: "what's the time complexity of quicksort" };
let router: TestRouter;

beforeAll(async () => {
  router = await startTestRouter({ TIMERS_MAX_ACTIVE: '30', ALARMS_MAX_ACTIVE: '2' }, { clock });
  await writeTestPlans(router.testRedis.redis, router.keys.plans());
});
afterAll(() => router.close());

const redis = () => router.testRedis.redis;
const keys = () => router.keys;

async function publish(change: EntitlementChange): Promise<void> {
  await redis().publish(keys().entitlementsChannel(), JSON.stringify(change));
  // The router drops its cache on the message; skip the wait on it by applying it here too.
  router.app.entitlements.invalidate(change);
}

async function grant(userId: string, planId: string): Promise<void> {
  await redis().set(keys().entitlement(userId), JSON.stringify(grantProjection(userId, planId)));
  await publish({ kind: 'user', userId });
}

const converse = async (key: string) =>
  (
    await router.app.inject({ method: 'POST', url: '/v1/converse', headers: bearer(key), payload: unmatched })
  ).json();

describe('unmatched text and the plan', () => {
  it('offers premium to a free user past the trial, without consuming anything', async () => {
    const key = await router.userWithKey('spent');
    await redis().set(keys().usage('spent', TRIAL, '2026-11'), '5');
    const body = await converse(key);
    expect(body).toMatchObject({
      handledBy: 'fallback',
      intent: null,
      upsell: {
        feature: 'conversation',
        plan: 'premium',
        checkoutPath: '/v1/billing/checkout',
        message: expect.stringContaining('Premium ($5.00 a month)'),
      },
    });
    expect(body.reply.text).toMatch(/used your 5 free conversation turns this month/);
    expect(await redis().get(keys().usage('spent', TRIAL, '2026-11'))).toBe('5');
  });

  it('gives no upsell while trial turns are left, and takes none for a fallback reply', async () => {
    const key = await router.userWithKey('trying');
    await redis().set(keys().usage('trying', TRIAL, '2026-11'), '4');
    const body = await converse(key);
    expect(body.handledBy).toBe('fallback');
    expect(body.upsell).toBeUndefined();
    expect(await redis().get(keys().usage('trying', TRIAL, '2026-11'))).toBe('4');
  });

  it('gives no upsell to a premium user', async () => {
    const key = await router.userWithKey('paying');
    await grant('paying', 'premium');
    const body = await converse(key);
    expect(body.upsell).toBeUndefined();
    expect(await keysMatching(redis(), `${router.testRedis.prefix}{paying}:usage:*`)).toEqual([]);
  });

  it('sells nothing while conversation is switched off for everyone', async () => {
    const key = await router.userWithKey('paused');
    await redis().set(keys().usage('paused', TRIAL, '2026-11'), '5');
    await redis().hset(keys().killSwitches(), 'conversation', 'off');
    await publish({ kind: 'kill-switch', feature: 'conversation' });
    try {
      const body = await converse(key);
      expect(body.upsell).toBeUndefined();
      expect(body.reply.text).toMatch(/paused/);
    } finally {
      await redis().hdel(keys().killSwitches(), 'conversation');
      await publish({ kind: 'kill-switch', feature: 'conversation' });
    }
  });

  it('upsells again the moment the trial is spent, as the plan changes take effect', async () => {
    const key = await router.userWithKey('edge');
    await redis().set(keys().usage('edge', TRIAL, '2026-11'), '3');
    expect((await converse(key)).upsell).toBeUndefined();
    const fewer = await redis().hget(keys().plans(), 'free');
    const plan = JSON.parse(fewer!);
    await writeTestPlans(redis(), keys().plans(), [{ ...plan, limits: { ...plan.limits, [TRIAL]: 3 } }]);
    await publish({ kind: 'plan', planId: 'free' });
    try {
      expect((await converse(key)).upsell).toMatchObject({ plan: 'premium' });
    } finally {
      await writeTestPlans(redis(), keys().plans(), [plan]);
      await publish({ kind: 'plan', planId: 'free' });
    }
  });
});

describe('timer limits from the plan', () => {
  const startTimers = async (key: string, count: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const response = await router.app.inject({
        method: 'POST',
        url: '/v1/timers',
        headers: bearer(key),
        payload: { durationSeconds: 600 + i },
      });
      statuses.push(response.statusCode);
    }
    return statuses;
  };

  it('lets a free user run 10 timers, not 11, whatever TIMERS_MAX_ACTIVE says', async () => {
    const key = await router.userWithKey('free-timers');
    expect(await startTimers(key, 10)).toEqual(Array(10).fill(201));
    const over = await router.app.inject({
      method: 'POST',
      url: '/v1/timers',
      headers: bearer(key),
      payload: { durationSeconds: 60 },
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'HARK_ERR_LIMIT_REACHED', details: { limit: 10 } });
  });

  it('lets a premium user run 50', async () => {
    const key = await router.userWithKey('premium-timers');
    await grant('premium-timers', 'premium');
    const statuses = await startTimers(key, 51);
    expect(statuses.slice(0, 50)).toEqual(Array(50).fill(201));
    expect(statuses[50]).toBe(409);
  });

  it('keeps the configured limit for alarms, which the plans do not limit', async () => {
    const key = await router.userWithKey('alarms');
    const set = (time: string) =>
      router.app.inject({ method: 'POST', url: '/v1/alarms', headers: bearer(key), payload: { time } });
    expect((await set('07:00')).statusCode).toBe(201);
    expect((await set('08:00')).statusCode).toBe(201);
    const over = await set('09:00');
    expect(over.statusCode).toBe(409);
    expect(over.json().error.details).toMatchObject({ limit: 2 });
  });
});
