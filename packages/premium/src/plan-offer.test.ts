import { FEATURES, type Plan } from '@hark/contracts';
import { testPlans } from '@hark/testing';
import { describe, expect, it } from 'vitest';
import { planToOffer } from './plan-offer.js';

const free = structuredClone(testPlans.free) as Plan;
const premium = structuredClone(testPlans.premium) as Plan;
const price = (amount: number) => ({
  stripePriceId: null,
  amount,
  currency: 'usd',
  interval: 'month' as const,
});

describe('planToOffer', () => {
  it('offers the cheapest open plan with a price that has the feature', () => {
    const pro = { ...premium, id: 'pro', price: price(1500) };
    expect(planToOffer([pro, free, premium], FEATURES.conversation)?.id).toBe('premium');
  });

  it('offers no plan closed to new subscriptions, or without a price', () => {
    expect(planToOffer([free, { ...premium, enabled: false }], FEATURES.conversation)).toBeNull();
    expect(planToOffer([{ ...premium, price: null }], FEATURES.conversation)).toBeNull();
  });

  it('offers only a plan that has the very feature asked for', () => {
    const talkOnly = {
      ...premium,
      id: 'talk',
      features: { ...premium.features, [FEATURES.voiceStt]: false },
    };
    expect(planToOffer([talkOnly], FEATURES.voiceStt)).toBeNull();
    expect(planToOffer([talkOnly], FEATURES.conversation)?.id).toBe('talk');
  });
});
