import type { Plan } from '@hark/contracts';
import { keySpace } from '@hark/core';
import { budgetGuardKeys } from '@hark/interactions';
import { connectTestRedis, type TestRedis, testPlans } from '@hark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetGuardSection } from './budget-guard-section.js';

let testRedis: TestRedis;
beforeAll(async () => {
  testRedis = await connectTestRedis('budget-guard-section');
});
afterAll(() => testRedis?.cleanup());

describe('budgetGuardSection', () => {
  it('counts the distinct users of each plan who stepped down and who were paused, per month', async () => {
    const keys = budgetGuardKeys(keySpace(testRedis.prefix));
    const { redis } = testRedis;
    // As the conversation service records them: a user is added on every turn past a step.
    await redis.pfadd(keys.budgetSteppedDown('premium', '2026-11'), 'ada', 'ben', 'ada', 'cy');
    await redis.pfadd(keys.budgetPaused('premium', '2026-11'), 'ada', 'ada');
    await redis.pfadd(keys.budgetSteppedDown('premium', '2026-10'), 'dee');
    const plans = new Map<string, Plan>([
      ['free', testPlans.free as unknown as Plan],
      ['premium', testPlans.premium as unknown as Plan],
    ]);
    const rows = await budgetGuardSection(redis, keys, ['2026-10', '2026-11'], plans);
    expect(rows).toEqual([
      { month: '2026-10', planId: 'free', budgetMicroUsd: 50_000, usersSteppedDown: 0, usersPaused: 0 },
      { month: '2026-10', planId: 'premium', budgetMicroUsd: 2_000_000, usersSteppedDown: 1, usersPaused: 0 },
      { month: '2026-11', planId: 'free', budgetMicroUsd: 50_000, usersSteppedDown: 0, usersPaused: 0 },
      { month: '2026-11', planId: 'premium', budgetMicroUsd: 2_000_000, usersSteppedDown: 3, usersPaused: 1 },
    ]);
  });

  it('says null for a plan without the limit', async () => {
    const keys = budgetGuardKeys(keySpace(testRedis.prefix));
    const bare = { ...testPlans.premium, id: 'bare', limits: {} } as unknown as Plan;
    const rows = await budgetGuardSection(testRedis.redis, keys, ['2026-11'], new Map([['bare', bare]]));
    expect(rows).toEqual([
      { month: '2026-11', planId: 'bare', budgetMicroUsd: null, usersSteppedDown: 0, usersPaused: 0 },
    ]);
  });
});
