import { addDays, type InsightsResponse } from '@hark/contracts';
import { ratioOf, type TierPrice, usd } from './plan-prices.js';
import type { UserLlmMonth } from './rollup-reader.js';

type LlmTierMonth = InsightsResponse['llmUsers'][number];

/** A tier's LLM users in one month against the tier's price (0 when unpriced). */
export function llmTierMonth(
  month: string,
  price: TierPrice,
  users: UserLlmMonth,
  tierCostMicroUsd: number,
): LlmTierMonth {
  const priceMicroUsd = price.priced ? (price.monthlyPriceMicroUsd ?? 0) : 0;
  const average = users.usersWithLlm === 0 ? 0 : Math.round(tierCostMicroUsd / users.usersWithLlm);
  return {
    month,
    tier: price.tier,
    monthlyPriceUsd: price.monthlyPriceMicroUsd === null ? null : usd(price.monthlyPriceMicroUsd),
    usersWithLlm: users.usersWithLlm,
    avgCostMicroUsd: average,
    avgCostUsd: usd(average),
    usersCostingMoreThanPrice: users.usersAbove,
    top: users.top.map((user) => ({
      userId: user.userId,
      turns: user.turns,
      promptTokens: user.promptTokens,
      completionTokens: user.completionTokens,
      tokens: user.promptTokens + user.completionTokens,
      costMicroUsd: user.costMicroUsd,
      costUsd: usd(user.costMicroUsd),
      marginUsd: usd(priceMicroUsd - user.costMicroUsd),
      costShareOfPrice: price.priced ? ratioOf(user.costMicroUsd, priceMicroUsd) : null,
    })),
  };
}

/**
 * The premium gate: users whose first upsell ever fell in the range, and how many of them first
 * moved onto a priced plan within 7 and 30 days of it (counted per day of the first hit).
 */
export function gateSection(
  days: readonly string[],
  counts: ReadonlyMap<string, Record<string, number>>,
  upsellTurns: number,
  today: string,
): InsightsResponse['gate'] {
  const daily = days.map((date) => {
    const day = counts.get(date) ?? {};
    return {
      date,
      usersHitGate: day.hits ?? 0,
      upgradedWithin7Days: day.upgraded7 ?? 0,
      upgradedWithin30Days: day.upgraded30 ?? 0,
      firstUpgrades: day.upgrades ?? 0,
    };
  });
  const total = (pick: (day: (typeof daily)[number]) => number, since = '') =>
    daily.filter((day) => day.date > since).reduce((sum, day) => sum + pick(day), 0);
  const usersHitGate = total((day) => day.usersHitGate);
  const upgradedWithin7Days = total((day) => day.upgradedWithin7Days);
  const upgradedWithin30Days = total((day) => day.upgradedWithin30Days);
  return {
    usersHitGate,
    upgradedWithin7Days,
    upgradedWithin30Days,
    conversionRate7Days: ratioOf(upgradedWithin7Days, usersHitGate),
    conversionRate30Days: ratioOf(upgradedWithin30Days, usersHitGate),
    // Hit on a day less than 7 (30) whole days ago: their window has not closed yet.
    windowOpen7Days: total((day) => day.usersHitGate, addDays(today, -7)),
    windowOpen30Days: total((day) => day.usersHitGate, addDays(today, -30)),
    upsellTurns,
    firstUpgrades: total((day) => day.firstUpgrades),
    daily,
  };
}
