import type { Plan } from '@hark/contracts';

/** Cents precision, as the contract promises for every `*Usd` field. */
export const usd = (microUsd: number): number => Math.round(microUsd / 10_000) / 100;

/** a / b, or null when b is 0. */
export const ratioOf = (a: number, b: number): number | null =>
  b === 0 ? null : Math.round((a / b) * 10_000) / 10_000;

export interface TierPrice {
  tier: string;
  name: string;
  priced: boolean;
  /** The plan's price per month in micro-USD (a yearly price / 12); null when unpriced. */
  monthlyPriceMicroUsd: number | null;
  currency: string | null;
  interval: 'month' | 'year' | null;
}

/**
 * The price each tier is worth per month, from the plans as they are now: revenue in insights
 * is usage-based (paying users x this price), not Stripe invoices. A tier no current plan has
 * counts as unpriced.
 */
export function tierPrices(
  plans: ReadonlyMap<string, Plan>,
  tiers: readonly string[],
): Map<string, TierPrice> {
  const prices = new Map<string, TierPrice>();
  for (const tier of tiers) {
    const plan = plans.get(tier);
    const price = plan?.price ?? null;
    const monthlyCents = price ? (price.interval === 'year' ? price.amount / 12 : price.amount) : null;
    prices.set(tier, {
      tier,
      name: plan?.name ?? tier,
      priced: price !== null && price.amount > 0,
      monthlyPriceMicroUsd: monthlyCents === null ? null : Math.round(monthlyCents * 10_000),
      currency: price?.currency ?? null,
      interval: price?.interval ?? null,
    });
  }
  return prices;
}

/** What an operator should know about the figures: tiers without a plan, prices not in USD. */
export function priceWarnings(
  plans: ReadonlyMap<string, Plan>,
  prices: ReadonlyMap<string, TierPrice>,
): string[] {
  const warnings: string[] = [];
  for (const price of prices.values()) {
    if (!plans.has(price.tier)) {
      warnings.push(`Tier "${price.tier}" is not a current plan: its users count as unpriced (no revenue).`);
    } else if (price.currency && price.currency !== 'usd') {
      warnings.push(
        `Plan "${price.tier}" is priced in ${price.currency.toUpperCase()}: its amount is counted as USD.`,
      );
    }
  }
  return warnings;
}
