import type { TestRedisClient } from './redis-test-helpers.js';

/**
 * The seed plans of the issue (infra/plans.json), as tests write them into Redis themselves:
 * the entitlement service is the one that seeds them in a running deployment.
 */
export const testPlans = {
  free: {
    id: 'free',
    name: 'Free',
    enabled: true,
    price: null,
    features: { conversation: false, 'voice.stt': false, 'voice.tts': false },
    limits: {
      'timers.max_active': 10,
      'conversation.trial_turns_per_month': 5,
      'weather.forecast_days': 3,
      'conversation.llm_budget_micro_usd': 50_000,
    },
  },
  premium: {
    id: 'premium',
    name: 'Premium',
    enabled: true,
    price: { stripePriceId: 'price_premium_test', amount: 500, currency: 'usd', interval: 'month' },
    features: { conversation: true, 'voice.stt': true, 'voice.tts': true },
    limits: {
      'timers.max_active': 50,
      'conversation.turns_per_day': 200,
      'weather.forecast_days': 7,
      'conversation.llm_budget_micro_usd': 2_000_000,
    },
  },
} as const;

/** Writes plans into the plans hash (`keys.plans()`), as the entitlement service would. */
export async function writeTestPlans(
  redis: TestRedisClient,
  plansKey: string,
  plans: readonly { id: string }[] = Object.values(testPlans),
): Promise<void> {
  await redis.hset(plansKey, Object.fromEntries(plans.map((plan) => [plan.id, JSON.stringify(plan)])));
}

/** A projection the entitlement service would write for a user granted `planId` by an operator. */
export function grantProjection(userId: string, planId: string, expiresAt: string | null = null) {
  return {
    userId,
    planId,
    source: 'grant' as const,
    grant: { planId, expiresAt, reason: 'test grant', grantedBy: 'operator' },
    subscription: null,
    updatedAt: new Date(0).toISOString(),
  };
}
