import {
  type EntitlementProjection,
  type Plan,
  type SubscriptionStatus,
  subscriptionStatusSchema,
} from '@hark/contracts';
import { planForPrice } from '../plans/plan-store.js';

/**
 * Pure rules turning Stripe's subscriptions of one customer into the projection's
 * `subscription`: which subscription counts, which plan it is, and the past-due grace.
 */

/** The fields Hark reads; stripe-node's Subscription satisfies it. */
export interface StripeSubscriptionLike {
  id: string;
  customer: string | { id: string };
  status: string;
  created: number;
  metadata: Record<string, string> | null;
  items: { data: { price: { id: string }; current_period_end: number }[] };
}

export type ProjectionSubscription = NonNullable<EntitlementProjection['subscription']>;

const DAY_MS = 24 * 3600 * 1000;

// A customer can hold several subscriptions (cancelled, then subscribed again): the one that
// gives the most access counts, the newest among equals (by `created`, then by the list order,
// which Stripe gives newest first). This depends only on Stripe's state, so every delivery
// order of events ends in the same projection.
const statusRank: Record<SubscriptionStatus, number> = {
  active: 4,
  trialing: 4,
  past_due: 3,
  paused: 2,
  unpaid: 2,
  incomplete: 1,
  incomplete_expired: 0,
  canceled: 0,
};

/** A status Stripe may add later gives no access until Hark knows it (fail closed). */
export function knownStatus(status: string): SubscriptionStatus {
  const parsed = subscriptionStatusSchema.safeParse(status);
  return parsed.success ? parsed.data : 'incomplete';
}

export const customerIdOf = (subscription: StripeSubscriptionLike) =>
  typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id;

/** `subscriptions` in Stripe's list order (newest first). */
export function chooseSubscription<T extends StripeSubscriptionLike>(subscriptions: readonly T[]): T | null {
  let best: T | null = null;
  for (const candidate of subscriptions) {
    if (!best) {
      best = candidate;
      continue;
    }
    const byRank = statusRank[knownStatus(candidate.status)] - statusRank[knownStatus(best.status)];
    if (byRank > 0 || (byRank === 0 && candidate.created > best.created)) best = candidate;
  }
  return best;
}

/**
 * The plan a subscription pays for: the plan whose Stripe price it has, else the planId Hark put
 * in its metadata at checkout (so subscribers keep their plan when an operator moves it to a new
 * price), else none.
 */
export function planIdOf(
  subscription: StripeSubscriptionLike,
  plans: ReadonlyMap<string, Plan>,
): string | null {
  for (const item of subscription.items.data) {
    const plan = planForPrice(plans, item.price.id);
    if (plan) return plan.id;
  }
  const fromMetadata = subscription.metadata?.planId;
  return fromMetadata && plans.has(fromMetadata) ? fromMetadata : null;
}

function periodEndOf(subscription: StripeSubscriptionLike): string | null {
  const ends = subscription.items.data.map((item) => item.current_period_end);
  return ends.length > 0 ? new Date(Math.max(...ends) * 1000).toISOString() : null;
}

export interface SubscriptionContext {
  plans: ReadonlyMap<string, Plan>;
  previous: ProjectionSubscription | null;
  /** Stripe's `created` of the event that caused this sync (unix seconds); 0 for a resync. */
  eventCreated: number;
  now: Date;
  graceDays: number;
}

/**
 * When a subscription became past due: kept from the projection while it stays past due, else
 * the event's time (the earliest evidence: a backed-up queue must not extend the grace), else now.
 */
function pastDueSince(subscription: StripeSubscriptionLike, context: SubscriptionContext): string {
  const { previous, eventCreated, now } = context;
  if (previous?.id === subscription.id && previous.status === 'past_due' && previous.pastDueSince) {
    return previous.pastDueSince;
  }
  const evidence = eventCreated > 0 ? Math.min(eventCreated * 1000, now.getTime()) : now.getTime();
  return new Date(evidence).toISOString();
}

export function toProjectionSubscription(
  subscription: StripeSubscriptionLike,
  context: SubscriptionContext,
): ProjectionSubscription {
  const status = knownStatus(subscription.status);
  const since = status === 'past_due' ? pastDueSince(subscription, context) : null;
  return {
    id: subscription.id,
    customerId: customerIdOf(subscription),
    status,
    planId: planIdOf(subscription, context.plans),
    currentPeriodEnd: periodEndOf(subscription),
    eventCreated: Math.max(context.previous?.eventCreated ?? 0, context.eventCreated),
    pastDueSince: since,
    graceEndsAt: since ? new Date(Date.parse(since) + context.graceDays * DAY_MS).toISOString() : null,
  };
}
