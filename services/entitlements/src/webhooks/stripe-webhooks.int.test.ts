import { type Clock, fixedClock } from '@hark/core';
import type { StripeStandIn, StripeSubscriptionStatus } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverAndDrain, planOf, subscriber } from '../testing/stripe-scenarios.js';
import { startTestEntitlements, type TestEntitlements } from '../testing/test-entitlements.js';

let env: TestEntitlements;
let stripe: StripeStandIn;
let clock: Clock & { advance(ms: number): void };
const DAY = 24 * 3_600_000;

beforeEach(async () => {
  clock = fixedClock(new Date());
  env = await startTestEntitlements({ clock });
  stripe = env.stripe!;
});
afterEach(() => env.close());

describe('POST /webhooks/stripe signature', () => {
  it('accepts a good signature on the raw body and acknowledges at once', async () => {
    const { subscription } = await subscriber(env, 'hana');
    const response = await env.deliver(stripe.event('customer.subscription.created', subscription).delivery);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: true });
  });

  it('refuses a wrong secret, a stale timestamp, a missing header and a changed body with 400', async () => {
    const { subscription } = await subscriber(env, 'hana');
    const { event, delivery } = stripe.event('customer.subscription.updated', subscription);
    const stale = stripe.sign(event, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    const wrongSecret = stripe.sign(event, { secret: 'whsec_someone_else' });
    const { 'stripe-signature': _dropped, ...unsigned } = delivery.headers;
    const attempts = [
      env.deliver(wrongSecret),
      env.deliver(stale),
      env.app.inject({ method: 'POST', url: '/webhooks/stripe', headers: unsigned, payload: delivery.body }),
      env.deliver({ ...delivery, body: delivery.body.replace('"active"', '"canceled"') }),
      env.deliver({ ...delivery, body: `${delivery.body} ` }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('HARK_ERR_INVALID_SIGNATURE');
    }
    expect((await env.service.queue.counts()).pending).toBe(0);
    expect(await env.service.projections.read('hana')).toBeNull();
  });

  it('acknowledges event types Hark does not act on without queueing them', async () => {
    const customer = stripe.state.createCustomer();
    const response = await env.deliver(stripe.event('customer.created', customer).delivery);
    expect(response.json()).toEqual({ received: true, ignored: true });
  });

  it('takes bodies larger than the 16 KiB limit of the JSON API', async () => {
    const { subscription } = await subscriber(env, 'hana');
    const large = { ...subscription, metadata: { ...subscription.metadata, note: 'x'.repeat(40_000) } };
    expect(
      (await env.deliver(stripe.event('customer.subscription.updated', large).delivery)).statusCode,
    ).toBe(200);
  });
});

describe('access by subscription status', () => {
  const table: [StripeSubscriptionStatus, string][] = [
    ['active', 'premium'],
    ['trialing', 'premium'],
    ['past_due', 'premium'],
    ['incomplete', 'free'],
    ['incomplete_expired', 'free'],
    ['unpaid', 'free'],
    ['canceled', 'free'],
    ['paused', 'free'],
  ];

  it.each(table)('%s gives %s', async (status, plan) => {
    const user = await subscriber(env, `user-${status}`, status);
    await deliverAndDrain(env, 'customer.subscription.updated', user.subscription);
    expect(await planOf(env, user.apiKey)).toBe(plan);
    const projection = await env.service.projections.read(user.userId);
    expect(projection?.subscription).toMatchObject({ id: user.subscription.id, status, planId: 'premium' });
  });

  it('keeps past_due access for the grace period (3 days) only', async () => {
    const user = await subscriber(env, 'ivan');
    await deliverAndDrain(env, 'customer.subscription.created', user.subscription);
    stripe.state.updateSubscription(user.subscription.id, { status: 'past_due' });
    const invoice = {
      id: 'in_failed',
      object: 'invoice',
      customer: user.customer.id,
      parent: { subscription_details: { subscription: user.subscription.id, metadata: { userId: 'ivan' } } },
    };
    await deliverAndDrain(env, 'invoice.payment_failed', invoice);
    const subscription = (await env.service.projections.read('ivan'))?.subscription;
    expect(subscription?.graceEndsAt).toBe(
      new Date(Date.parse(subscription!.pastDueSince!) + 3 * DAY).toISOString(),
    );

    clock.advance(2 * DAY);
    expect(await planOf(env, user.apiKey)).toBe('premium');
    // A later event while still past due must not restart the grace period.
    const later = Math.floor(clock.now().getTime() / 1000);
    await deliverAndDrain(env, 'customer.subscription.updated', user.subscription, { created: later });
    clock.advance(1.5 * DAY);
    expect(await planOf(env, user.apiKey)).toBe('free');

    stripe.state.updateSubscription(user.subscription.id, { status: 'active' });
    await deliverAndDrain(env, 'invoice.paid', { ...invoice, id: 'in_paid' });
    expect(await planOf(env, user.apiKey)).toBe('premium');
    expect((await env.service.projections.read('ivan'))?.subscription?.pastDueSince).toBeNull();
  });
});

describe('event kinds', () => {
  it('finds the user of a checkout from client_reference_id when nothing else names them', async () => {
    const apiKey = await env.userWithKey('jade');
    const customer = stripe.state.createCustomer();
    const session = stripe.state.createCheckoutSession({
      mode: 'subscription',
      customer: customer.id,
      client_reference_id: 'jade',
      metadata: {},
      subscription_metadata: {},
      price: 'price_premium_test',
      success_url: null,
      cancel_url: null,
    });
    const { session: completed } = stripe.state.completeCheckout(session.id);
    await deliverAndDrain(env, 'checkout.session.completed', completed);
    expect(await planOf(env, apiKey)).toBe('premium');
    expect(await env.service.customers.userOf(customer.id)).toBe('jade');
    expect(await env.service.customers.customerOf('jade')).toBe(customer.id);
  });

  it('handles paused, resumed and deleted subscriptions', async () => {
    const user = await subscriber(env, 'kai');
    await deliverAndDrain(env, 'customer.subscription.created', user.subscription);
    stripe.state.updateSubscription(user.subscription.id, { status: 'paused' });
    await deliverAndDrain(env, 'customer.subscription.paused', user.subscription);
    expect(await planOf(env, user.apiKey)).toBe('free');
    stripe.state.updateSubscription(user.subscription.id, { status: 'active' });
    await deliverAndDrain(env, 'customer.subscription.resumed', user.subscription);
    expect(await planOf(env, user.apiKey)).toBe('premium');
    stripe.state.updateSubscription(user.subscription.id, { status: 'canceled' });
    await deliverAndDrain(env, 'customer.subscription.deleted', user.subscription);
    expect(await planOf(env, user.apiKey)).toBe('free');
  });

  it('lets an operator grant win over Stripe, and Stripe apply again when it is revoked', async () => {
    const user = await subscriber(env, 'lena', 'canceled');
    await env.app.inject({
      method: 'PUT',
      url: '/admin/users/lena/grant',
      headers: { authorization: 'Bearer test-operator-token' },
      payload: { plan: 'premium', reason: 'goodwill' },
    });
    await deliverAndDrain(env, 'customer.subscription.deleted', user.subscription);
    const projection = await env.service.projections.read('lena');
    expect(projection).toMatchObject({
      source: 'grant',
      grant: { reason: 'goodwill' },
      subscription: { status: 'canceled' },
    });
    expect(await planOf(env, user.apiKey)).toBe('premium');
  });

  it('skips customers no user can be found for', async () => {
    const customer = stripe.state.createCustomer();
    const subscription = stripe.state.createSubscription({
      customer: customer.id,
      price: 'price_premium_test',
    });
    await deliverAndDrain(env, 'customer.subscription.created', subscription);
    expect(await env.service.customers.userOf(customer.id)).toBeNull();
    const metrics = await env.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(
      /hark_stripe_events_total\{type="customer.subscription.created",outcome="unmatched"\} 1/,
    );
  });
});
