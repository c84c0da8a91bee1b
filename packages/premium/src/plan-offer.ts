import type { FeatureName, Plan } from '@hark/contracts';

/** The plan to offer: the cheapest one open for subscriptions, with a price, that has the feature. */
export function planToOffer(plans: readonly Plan[], feature: FeatureName): Plan | null {
  const offers = plans.filter((plan) => plan.enabled && plan.price && plan.features[feature] === true);
  offers.sort((a, b) => (a.price?.amount ?? 0) - (b.price?.amount ?? 0));
  return offers[0] ?? null;
}
