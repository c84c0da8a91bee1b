import { type InsightsResponse, lastDayOfMonth } from '@hark/contracts';
import { llmTotals } from './day-sections.js';
import { ratioOf, type TierPrice, usd } from './plan-prices.js';
import type { MonthRollup, MonthTierCounters } from './rollup-parse.js';

type MonthTier = InsightsResponse['months'][number];
type MonthTotal = InsightsResponse['monthTotals'][number];

export interface MonthUsers {
  all: number;
  byTier: Record<string, number>;
}

const none: MonthTierCounters = {
  interactions: 0,
  llmTurns: 0,
  promptTokens: 0,
  completionTokens: 0,
  costMicroUsd: 0,
};

function money(revenueMicroUsd: number, costMicroUsd: number) {
  const marginMicroUsd = revenueMicroUsd - costMicroUsd;
  return {
    listPriceEstimateUsd: usd(revenueMicroUsd),
    listPriceMarginUsd: usd(marginMicroUsd),
    listPriceMarginRatio: ratioOf(marginMicroUsd, revenueMicroUsd),
  };
}

/**
 * One row per tier. A list-price estimate, not money Stripe collected (that is `revenue`, from
 * revenue-ledger.ts): paying users active in the month x the plan's monthly price
 * (usage-based: a user who paid but never spoke is not counted, a comp grant onto a priced plan
 * is); the margin is that revenue minus the LLM bill of the tier's turns.
 */
export function monthTierRows(
  rollup: MonthRollup,
  users: MonthUsers,
  prices: ReadonlyMap<string, TierPrice>,
  today: string,
): MonthTier[] {
  return [...prices.values()].map((price) => {
    const counters = rollup.tiers.get(price.tier) ?? none;
    const activeUsers = users.byTier[price.tier] ?? 0;
    const payingUsers = price.priced ? activeUsers : 0;
    const revenueMicroUsd = payingUsers * (price.monthlyPriceMicroUsd ?? 0);
    return {
      month: rollup.month,
      complete: lastDayOfMonth(rollup.month) < today,
      tier: price.tier,
      priced: price.priced,
      monthlyPriceUsd: price.monthlyPriceMicroUsd === null ? null : usd(price.monthlyPriceMicroUsd),
      activeUsers,
      payingUsers,
      interactions: counters.interactions,
      llmTurns: counters.llmTurns,
      ...llmTotals([counters]),
      ...money(revenueMicroUsd, counters.costMicroUsd),
    };
  });
}

/** All tiers of a month; activeUsers is distinct across tiers, payingUsers the tiers' sum. */
export function monthTotal(
  rows: readonly MonthTier[],
  users: MonthUsers,
  prices: ReadonlyMap<string, TierPrice>,
  month: string,
  today: string,
): MonthTotal {
  const add = (pick: (row: MonthTier) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const revenueMicroUsd = add((row) => row.payingUsers * (prices.get(row.tier)?.monthlyPriceMicroUsd ?? 0));
  const costMicroUsd = add((row) => row.llmCostMicroUsd);
  const promptTokens = add((row) => row.llmPromptTokens);
  const completionTokens = add((row) => row.llmCompletionTokens);
  return {
    month,
    complete: lastDayOfMonth(month) < today,
    activeUsers: users.all,
    payingUsers: add((row) => row.payingUsers),
    interactions: add((row) => row.interactions),
    llmTurns: add((row) => row.llmTurns),
    ...llmTotals([{ promptTokens, completionTokens, costMicroUsd }]),
    ...money(revenueMicroUsd, costMicroUsd),
  };
}
