import { LIMITS, type Plan } from '@hark/contracts';

/**
 * The share of a priced plan's monthly price that is its default monthly LLM budget per user
 * (`conversation.llm_budget_micro_usd`): premium at 5 USD may spend 2 USD of LLM a month on one
 * user, so a user who takes every turn still leaves 60 % of the price for everything else.
 */
export const DEFAULT_LLM_BUDGET_SHARE_OF_PRICE = 0.4;

/** The default budget of an unpriced plan (its free trial turns): 5 US cents a month. */
export const DEFAULT_UNPRICED_LLM_BUDGET_MICRO_USD = 50_000;

/** A plan's price per month in micro-USD (a yearly price / 12); null when it has none. */
function monthlyPriceMicroUsd(plan: Pick<Plan, 'price'>): number | null {
  const price = plan.price;
  if (!price || price.amount <= 0) return null;
  const monthlyCents = price.interval === 'year' ? price.amount / 12 : price.amount;
  return Math.round(monthlyCents * 10_000);
}

/** The default budget of a plan without the limit: a share of its price, or the unpriced default. */
export function defaultLlmBudgetMicroUsd(plan: Pick<Plan, 'price'>): number {
  const price = monthlyPriceMicroUsd(plan);
  return price === null
    ? DEFAULT_UNPRICED_LLM_BUDGET_MICRO_USD
    : Math.round(price * DEFAULT_LLM_BUDGET_SHARE_OF_PRICE);
}

/**
 * The monthly LLM budget of one user (the margin guard, services/conversation/src/budget): the
 * plan's `conversation.llm_budget_micro_usd` when the plan sets it (0 means no conversation cost at
 * all), else the default for its price. A plan written before the limit existed is thus guarded
 * at once, instead of pausing everyone on it (a missing limit is 0 elsewhere) or running unguarded.
 */
export function llmBudgetOf(
  limits: Readonly<Record<string, number>>,
  plan: Pick<Plan, 'price'> | undefined,
): number {
  const set = limits[LIMITS.conversationLlmBudgetMicroUsd];
  if (set !== undefined) return set;
  return defaultLlmBudgetMicroUsd(plan ?? { price: null });
}
