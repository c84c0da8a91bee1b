import { describe, expect, it } from 'vitest';
import { computeEffectiveEntitlements, DEFAULT_PLAN_ID } from './effective-entitlements.js';
import type { EntitlementProjection, Plan } from './entitlements.js';

const limits = {
  'timers.max_active': 10,
  'conversation.turns_per_day': 0,
  'conversation.trial_turns_per_month': 5,
  'weather.forecast_days': 3,
  'conversation.llm_budget_micro_usd': 50_000,
};
const free: Plan = {
  id: 'free',
  name: 'Free',
  enabled: true,
  price: null,
  features: { conversation: false, 'voice.stt': false, 'voice.tts': false },
  limits,
};
const premium: Plan = {
  id: 'premium',
  name: 'Premium',
  enabled: true,
  price: { stripePriceId: 'price_p', amount: 500, currency: 'usd', interval: 'month' },
  features: { conversation: true, 'voice.stt': true, 'voice.tts': true },
  limits: { ...limits, 'conversation.turns_per_day': 200, 'timers.max_active': 50 },
};
const plans = new Map([
  ['free', free],
  ['premium', premium],
]);
const now = new Date('2026-11-26T12:00:00Z');
const none = new Set<string>();

function projection(overrides: Partial<EntitlementProjection>): EntitlementProjection {
  return {
    userId: 'u1',
    planId: 'free',
    source: 'default',
    grant: null,
    subscription: null,
    updatedAt: now.toISOString(),
    ...overrides,
  };
}

const subscription = (status: string, extra: object = {}) =>
  ({
    id: 'sub_1',
    customerId: 'cus_1',
    status,
    planId: 'premium',
    currentPeriodEnd: null,
    eventCreated: 0,
    pastDueSince: null,
    graceEndsAt: null,
    ...extra,
  }) as EntitlementProjection['subscription'];

describe('computeEffectiveEntitlements', () => {
  it('gives the default plan to a user with no record', () => {
    const result = computeEffectiveEntitlements('u1', null, plans, none, now);
    expect(result).toMatchObject({
      planId: DEFAULT_PLAN_ID,
      planName: 'Free',
      source: 'default',
      validUntil: null,
    });
    expect(result.limits).toEqual(limits);
  });

  it('honours a grant until its expiry and says until when the answer holds', () => {
    const expiresAt = '2026-11-26T13:00:00.000Z';
    const granted = projection({ grant: { planId: 'premium', expiresAt, reason: 'comp', grantedBy: 'ada' } });
    expect(computeEffectiveEntitlements('u1', granted, plans, none, now)).toMatchObject({
      planId: 'premium',
      source: 'grant',
      validUntil: expiresAt,
    });
    const later = new Date('2026-11-26T13:00:00Z');
    const expired = computeEffectiveEntitlements('u1', granted, plans, none, later);
    expect(expired).toMatchObject({ planId: 'free', source: 'default' });
    expect(expired.reason).toContain('expired');
  });

  it('prefers a grant over Stripe, and Stripe over the default', () => {
    const both = projection({
      grant: { planId: 'free', expiresAt: null, reason: 'abuse', grantedBy: 'operator' },
      subscription: subscription('active'),
    });
    expect(computeEffectiveEntitlements('u1', both, plans, none, now).source).toBe('grant');
    const stripeOnly = projection({ subscription: subscription('active') });
    expect(computeEffectiveEntitlements('u1', stripeOnly, plans, none, now)).toMatchObject({
      planId: 'premium',
      source: 'stripe',
    });
  });

  it.each([
    ['active', true],
    ['trialing', true],
    ['incomplete', false],
    ['incomplete_expired', false],
    ['unpaid', false],
    ['canceled', false],
    ['paused', false],
  ])('a %s subscription gives access: %s', (status, access) => {
    const result = computeEffectiveEntitlements(
      'u1',
      projection({ subscription: subscription(status) }),
      plans,
      none,
      now,
    );
    expect(result.planId).toBe(access ? 'premium' : 'free');
  });

  it('keeps a past_due subscription premium until the grace period ends', () => {
    const graceEndsAt = '2026-11-27T00:00:00.000Z';
    const pastDue = projection({
      subscription: subscription('past_due', { pastDueSince: '2026-11-24T00:00:00.000Z', graceEndsAt }),
    });
    expect(computeEffectiveEntitlements('u1', pastDue, plans, none, now)).toMatchObject({
      planId: 'premium',
      validUntil: graceEndsAt,
    });
    const after = computeEffectiveEntitlements('u1', pastDue, plans, none, new Date(graceEndsAt));
    expect(after.planId).toBe('free');
    expect(after.reason).toContain('grace ended');
  });

  it('turns kill-switched features off, whatever the plan', () => {
    const result = computeEffectiveEntitlements(
      'u1',
      projection({ subscription: subscription('active') }),
      plans,
      new Set(['conversation']),
      now,
    );
    expect(result.features).toEqual({ conversation: false, 'voice.stt': true, 'voice.tts': true });
    expect(result.switchedOff).toEqual(['conversation']);
  });

  it('falls back to the default plan when the plan in force vanished, and fails closed without one', () => {
    const gone = projection({
      grant: { planId: 'gold', expiresAt: null, reason: 'x', grantedBy: 'operator' },
    });
    const fallback = computeEffectiveEntitlements('u1', gone, plans, none, now);
    expect(fallback).toMatchObject({ planId: 'free', source: 'grant' });
    expect(fallback.reason).toContain('plan gold no longer exists');
    const nothing = computeEffectiveEntitlements('u1', gone, new Map(), none, now);
    expect(nothing.features).toEqual({ conversation: false, 'voice.stt': false, 'voice.tts': false });
    expect(Object.values(nothing.limits).every((limit) => limit === 0)).toBe(true);
  });

  it('does not count an active subscription whose price maps to no plan', () => {
    const unmapped = projection({ subscription: subscription('active', { planId: null }) });
    const result = computeEffectiveEntitlements('u1', unmapped, plans, none, now);
    expect(result.planId).toBe('free');
    expect(result.reason).toContain('maps to no plan');
  });
});
