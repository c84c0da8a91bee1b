import type { Plan } from '@hark/contracts';
import { testPlans } from '@hark/testing';
import { describe, expect, it } from 'vitest';
import { fallbackReply, unmatchedReply } from './unmatched-turn.js';

const premium = structuredClone(testPlans.premium) as Plan;

// Which access a user has is decided (and tested) in packages/premium; this is its wording.
describe('unmatchedReply', () => {
  it('upsells with the plan, its price and the checkout path', () => {
    const { reply, upsell } = unmatchedReply({ kind: 'upsell', plan: premium, trialLimit: 5 });
    expect(upsell).toEqual({
      feature: 'conversation',
      message: 'Upgrade to Premium ($5.00 a month) for open conversation and more turns.',
      plan: 'premium',
      checkoutPath: '/v1/billing/checkout',
    });
    expect(reply.text).toContain('used your 5 free conversation turns this month');
  });

  it('says the plan has no conversation when it had no trial at all', () => {
    expect(unmatchedReply({ kind: 'upsell', plan: premium, trialLimit: 0 }).reply.text).toContain(
      "doesn't include open conversation",
    );
  });

  it.each([{ kind: 'plan' }, { kind: 'trial', remaining: 2 }, { kind: 'none' }] as const)(
    'keeps the plain fallback for $kind, with no upsell',
    (access) => {
      expect(unmatchedReply(access)).toEqual({ reply: fallbackReply });
    },
  );

  it('says conversation is paused when it is switched off', () => {
    const answer = unmatchedReply({ kind: 'switched-off' });
    expect(answer.upsell).toBeUndefined();
    expect(answer.reply.text).toMatch(/paused/);
  });
});
