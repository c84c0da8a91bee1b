import { LIMITS, limitNames } from '@hark/contracts';
import { describe, expect, it } from 'vitest';
import { defaultPlansSeedFile, readSeedPlans } from './plan-seed.js';

describe('the seed plans (infra/plans.json)', () => {
  it('name every limit of the catalogue', async () => {
    for (const plan of await readSeedPlans(defaultPlansSeedFile, {}))
      expect(Object.keys(plan.limits).sort()).toEqual([...limitNames].sort());
  });

  it('give premium a monthly LLM budget of 40% of its 5 USD price (as packages/premium defaults it)', async () => {
    const premium = (await readSeedPlans(defaultPlansSeedFile, {})).find((plan) => plan.id === 'premium')!;
    // 500 cents x 10 000 micro-USD per cent x 0.4 = 2 000 000 micro-USD (2 USD).
    expect(premium.limits[LIMITS.conversationLlmBudgetMicroUsd]).toBe(2_000_000);
  });
});
