import {
  daysBetween,
  firstDayOfMonth,
  LIMITS,
  type LlmUsageTotals,
  lastDayOfMonth,
  type UserUsageResponse,
  utcDay,
  utcMonth,
} from '@hark/contracts';
import type { Clock, RedisClient } from '@hark/core';
import type { BudgetGuardKeys, InteractionKeys } from '@hark/interactions';
import type { PlanStore } from '../plans/plan-store.js';
import type { EntitlementView } from '../projection/entitlement-view.js';
import { ratioOf, tierPrices, usd } from './plan-prices.js';

export interface UserUsageOptions {
  redis: RedisClient;
  keys: InteractionKeys & Pick<BudgetGuardKeys, 'budgetLedger'>;
  clock: Clock;
  plans: PlanStore;
  view: EntitlementView;
}

const counter = (hash: Record<string, string>, field: string): number => Number(hash[field] ?? 0) || 0;

/** The conversation service's counters (interactionKeys' llmUsage, one hash per day and per month) as totals. */
function totalsOf(hash: Record<string, string>): LlmUsageTotals {
  const promptTokens = counter(hash, 'promptTokens');
  const completionTokens = counter(hash, 'completionTokens');
  const costMicroUsd = counter(hash, 'costMicroUsd');
  return {
    turns: counter(hash, 'turns'),
    promptTokens,
    completionTokens,
    tokens: promptTokens + completionTokens,
    costMicroUsd,
    costUsd: usd(costMicroUsd),
  };
}

/**
 * GET /admin/users/:id/usage: one user's LLM turns, tokens and cost today, per day of a month
 * and for the month, against the price of the plan the user is on now. Read straight from the
 * counters services/conversation keeps per user, so it is exact and needs no fold.
 */
export class UserUsage {
  constructor(private readonly options: UserUsageOptions) {}

  async of(userId: string, month?: string): Promise<UserUsageResponse> {
    const { redis, keys, clock, plans, view } = this.options;
    const now = clock.now();
    const today = utcDay(now);
    const period = month ?? utcMonth(now);
    // Up to today within this month; none for a month that has not started.
    const until = [lastDayOfMonth(period), today].sort()[0]!;
    const first = firstDayOfMonth(period);
    const days = first > today ? [] : daysBetween(first, until);
    const read = (key: string) => redis.hgetall(key);
    const [{ effective }, allPlans, todayHash, monthHash, dayHashes, ledger] = await Promise.all([
      view.effective(userId),
      plans.all(),
      read(keys.llmUsage(userId, today)),
      read(keys.llmUsage(userId, period)),
      Promise.all(days.map((day) => read(keys.llmUsage(userId, day)))),
      read(keys.budgetLedger(userId, period)),
    ]);
    const price = tierPrices(allPlans, [effective.planId]).get(effective.planId)!;
    const priceMicroUsd = price.priced ? (price.monthlyPriceMicroUsd ?? 0) : 0;
    const total = totalsOf(monthHash);
    return {
      userId,
      month: period,
      generatedAt: now.toISOString(),
      plan: {
        id: effective.planId,
        name: effective.planName,
        source: effective.source,
        priced: price.priced,
        monthlyPriceUsd: price.monthlyPriceMicroUsd === null ? null : usd(price.monthlyPriceMicroUsd),
        currency: price.currency,
        interval: price.interval,
      },
      today: { date: today, ...totalsOf(todayHash) },
      days: days.map((date, index) => ({ date, ...totalsOf(dayHashes[index]!) })),
      total,
      marginUsd: usd(priceMicroUsd - total.costMicroUsd),
      costShareOfPrice: price.priced ? ratioOf(total.costMicroUsd, priceMicroUsd) : null,
      budget: {
        budgetMicroUsd: effective.limits[LIMITS.conversationLlmBudgetMicroUsd] ?? 0,
        spentMicroUsd: counter(ledger, 'spent'),
        step: ledger.pausedAt ? 'paused' : ledger.steppedDownAt ? 'step-down' : 'normal',
        steppedDownAt: ledger.steppedDownAt ?? null,
        pausedAt: ledger.pausedAt ?? null,
      },
    };
  }
}
