import type { StandInCustomer, StandInSubscription, StripeSubscriptionStatus } from '@hark/testing';
import { PREMIUM_PRICE, type TestEntitlements } from './test-entitlements.js';

export interface Subscriber {
  userId: string;
  apiKey: string;
  customer: StandInCustomer;
  subscription: StandInSubscription;
}

/**
 * A Hark user with a Stripe customer and a premium subscription in the stand-in, as a checkout
 * through Hark leaves them (userId in both metadata), but not yet known to Hark's Redis.
 */
export async function subscriber(
  env: TestEntitlements,
  userId: string,
  status: StripeSubscriptionStatus = 'active',
): Promise<Subscriber> {
  const stripe = env.stripe!;
  const apiKey = await env.userWithKey(userId);
  const customer = stripe.state.createCustomer({ metadata: { userId } });
  const subscription = stripe.state.createSubscription({
    customer: customer.id,
    price: PREMIUM_PRICE,
    status,
    metadata: { userId, planId: 'premium' },
  });
  return { userId, apiKey, customer, subscription };
}

/** Delivers a snapshot event of `subscription` as it is now, and waits until the worker is done. */
export async function deliverAndDrain(
  env: TestEntitlements,
  type: string,
  object: unknown,
  options: { created?: number } = {},
): Promise<void> {
  const response = await env.deliver(env.stripe!.event(type, object, options).delivery);
  if (response.statusCode !== 200)
    throw new Error(`webhook answered ${response.statusCode}: ${response.body}`);
  await env.queueDrained();
}

/** The plan GET /v1/me reports for an API key. */
export async function planOf(env: TestEntitlements, apiKey: string): Promise<string> {
  const response = await env.app.inject({
    method: 'GET',
    url: '/v1/me',
    headers: { authorization: `Bearer ${apiKey}` },
  });
  return response.json().plan.id;
}

/** Subscription list calls the service made to the stand-in for one customer. */
export const listCallsFor = (env: TestEntitlements, customerId: string) =>
  env
    .stripe!.requestsTo('GET', '/v1/subscriptions')
    .filter((request) => request.query.customer === customerId).length;
