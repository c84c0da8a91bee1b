import type { CollectedRevenue, CustomerClass, InsightsResponse } from '@hark/contracts';
import { ratioOf, type TierPrice, usd } from './plan-prices.js';
import type { MonthRollup } from './rollup-parse.js';

type MarginRow = InsightsResponse['margin'][number];
/** The classes a margin row shows; internal users are never folded into costs. */
export const marginClasses = [
  'paying',
  'comped',
  'trial',
  'free',
] as const satisfies readonly CustomerClass[];
export type MarginClass = (typeof marginClasses)[number];
export type ClassUsers = Record<MarginClass, number>;

/** Micro-USD per user, as USD; null without users. */
const perUser = (costMicroUsd: number, users: number): number | null =>
  users === 0 ? null : usd(costMicroUsd / users);

/**
 * Gross margin after LLM cost for one plan in one month: the USD revenue Stripe collected for the
 * plan (net of refunds; other currencies are listed, not converted) against the LLM cost of every
 * class of user on the plan. Comped users bring cost and no revenue; free and trial turns are an
 * acquisition cost. Users per class are those active on the plan in the month (with any turn).
 */
export function marginRow(
  rollup: MonthRollup,
  tier: string,
  price: TierPrice | undefined,
  users: ClassUsers,
  revenue: readonly CollectedRevenue[],
  complete: boolean,
): MarginRow {
  const mine = revenue.filter((row) => row.month === rollup.month && row.planId === tier);
  const collectedMinor = mine
    .filter((row) => row.currency === 'usd')
    .reduce((sum, row) => sum + row.netMinor, 0);
  const otherCurrencies = [
    ...new Set(mine.filter((row) => row.currency !== 'usd').map((row) => row.currency)),
  ];
  const costs = rollup.classCost.get(tier);
  const cost = (customerClass: MarginClass) => costs?.get(customerClass) ?? 0;
  const llmCostMicroUsd = marginClasses.reduce((sum, customerClass) => sum + cost(customerClass), 0);
  const marginMicroUsd = collectedMinor * 10_000 - llmCostMicroUsd;
  return {
    month: rollup.month,
    planId: tier,
    complete,
    planPriceUsd:
      price?.priced && price.monthlyPriceMicroUsd !== null ? usd(price.monthlyPriceMicroUsd) : null,
    collectedUsd: collectedMinor / 100,
    otherCurrencies: otherCurrencies.sort(),
    payingUsers: users.paying,
    payingLlmCostMicroUsd: cost('paying'),
    compedUsers: users.comped,
    compedLlmCostMicroUsd: cost('comped'),
    trialUsers: users.trial,
    trialLlmCostMicroUsd: cost('trial'),
    freeUsers: users.free,
    freeLlmCostMicroUsd: cost('free'),
    llmCostMicroUsd,
    grossMarginUsd: usd(marginMicroUsd),
    marginRatio: ratioOf(marginMicroUsd, collectedMinor * 10_000),
    llmCostPerPayingUserUsd: perUser(cost('paying'), users.paying),
    llmCostPerCompedUserUsd: perUser(cost('comped'), users.comped),
    llmCostPerFreeUserUsd: perUser(cost('free'), users.free),
  };
}
