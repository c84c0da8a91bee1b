import type { Plan } from '@hark/contracts';
import { describe, expect, it } from 'vitest';
import {
  chooseSubscription,
  planIdOf,
  type StripeSubscriptionLike,
  toProjectionSubscription,
} from './subscription-state.js';

const plan = (id: string, stripePriceId: string | null): Plan => ({
  id,
  name: id,
  enabled: true,
  price: stripePriceId ? { stripePriceId, amount: 500, currency: 'usd', interval: 'month' } : null,
  features: {},
  limits: {},
});
const plans = new Map([
  ['free', plan('free', null)],
  ['premium', plan('premium', 'price_premium')],
]);

function stripeSubscription(
  id: string,
  status: string,
  created: number,
  extra: Partial<StripeSubscriptionLike> = {},
) {
  return {
    id,
    customer: 'cus_1',
    status,
    created,
    metadata: {},
    items: { data: [{ price: { id: 'price_premium' }, current_period_end: 1_800_000_000 }] },
    ...extra,
  };
}

describe('chooseSubscription', () => {
  it('prefers the subscription that gives the most access, then the newest', () => {
    const old = stripeSubscription('sub_old', 'active', 100);
    const renewed = stripeSubscription('sub_new', 'incomplete', 200);
    expect(chooseSubscription([renewed, old])?.id).toBe('sub_old');
    const ended = stripeSubscription('sub_ended', 'canceled', 300);
    const later = stripeSubscription('sub_later', 'canceled', 400);
    expect(chooseSubscription([later, ended])?.id).toBe('sub_later');
    expect(chooseSubscription([])).toBeNull();
  });

  it('breaks a tie in `created` by Stripe’s list order, newest first', () => {
    const [first, second] = [
      stripeSubscription('sub_b', 'canceled', 100),
      stripeSubscription('sub_a', 'canceled', 100),
    ];
    expect(chooseSubscription([first, second])?.id).toBe('sub_b');
  });

  it('gives an unknown future status no access', () => {
    const odd = stripeSubscription('sub_odd', 'suspended_for_review', 500);
    const pastDue = stripeSubscription('sub_due', 'past_due', 100);
    expect(chooseSubscription([odd, pastDue])?.id).toBe('sub_due');
  });
});

describe('planIdOf', () => {
  it('maps the price to its plan, else trusts the planId Hark put in metadata', () => {
    expect(planIdOf(stripeSubscription('s', 'active', 1), plans)).toBe('premium');
    const moved = stripeSubscription('s', 'active', 1, {
      items: { data: [{ price: { id: 'price_retired' }, current_period_end: 1 }] },
      metadata: { planId: 'premium' },
    });
    expect(planIdOf(moved, plans)).toBe('premium');
    expect(planIdOf({ ...moved, metadata: { planId: 'gold' } }, plans)).toBeNull();
  });
});

describe('toProjectionSubscription', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  const context = { plans, previous: null, eventCreated: 0, now, graceDays: 3 };

  it('records the period end and no grace for an active subscription', () => {
    expect(toProjectionSubscription(stripeSubscription('s', 'active', 1), context)).toEqual({
      id: 's',
      customerId: 'cus_1',
      status: 'active',
      planId: 'premium',
      currentPeriodEnd: new Date(1_800_000_000_000).toISOString(),
      eventCreated: 0,
      pastDueSince: null,
      graceEndsAt: null,
    });
  });

  it('starts the grace at the event’s time and keeps it while the subscription stays past due', () => {
    const eventCreated = Date.parse('2026-11-25T12:00:00Z') / 1000;
    const first = toProjectionSubscription(stripeSubscription('s', 'past_due', 1), {
      ...context,
      eventCreated,
    });
    expect(first).toMatchObject({
      pastDueSince: '2026-11-25T12:00:00.000Z',
      graceEndsAt: '2026-11-28T12:00:00.000Z',
    });
    const later = toProjectionSubscription(stripeSubscription('s', 'past_due', 1), {
      ...context,
      previous: first,
      eventCreated: eventCreated + 86_400,
    });
    expect(later.pastDueSince).toBe(first.pastDueSince);
    expect(later.eventCreated).toBe(eventCreated + 86_400);
  });

  it('never dates the grace after now, even for an event stamped in the future', () => {
    const future = Date.parse('2026-12-01T00:00:00Z') / 1000;
    const result = toProjectionSubscription(stripeSubscription('s', 'past_due', 1), {
      ...context,
      eventCreated: future,
    });
    expect(result.pastDueSince).toBe(now.toISOString());
  });
});
