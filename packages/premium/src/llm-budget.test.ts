import { LIMITS, type Plan } from '@hark/contracts';
import { describe, expect, it } from 'vitest';
import { defaultLlmBudgetMicroUsd, llmBudgetOf } from './llm-budget.js';

const price = (amount: number, interval: 'month' | 'year' = 'month'): Pick<Plan, 'price'> => ({
  price: { stripePriceId: null, amount, currency: 'usd', interval },
});

describe('the monthly LLM budget of a plan', () => {
  it('is the limit when the plan sets it, 0 included', () => {
    expect(llmBudgetOf({ [LIMITS.conversationLlmBudgetMicroUsd]: 1_234 }, price(500))).toBe(1_234);
    expect(llmBudgetOf({ [LIMITS.conversationLlmBudgetMicroUsd]: 0 }, price(500))).toBe(0);
  });

  it('defaults to 40% of the monthly price for a plan written before the limit existed', () => {
    // 500 cents = 5 000 000 micro-USD; x 0.4 = 2 000 000.
    expect(llmBudgetOf({}, price(500))).toBe(2_000_000);
    // 6 000 cents a year = 500 cents a month: the same.
    expect(defaultLlmBudgetMicroUsd(price(6_000, 'year'))).toBe(2_000_000);
  });

  it('defaults to 5 US cents for an unpriced or unknown plan (its trial turns)', () => {
    expect(llmBudgetOf({}, { price: null })).toBe(50_000);
    expect(llmBudgetOf({}, undefined)).toBe(50_000);
    expect(defaultLlmBudgetMicroUsd(price(0))).toBe(50_000);
  });
});
