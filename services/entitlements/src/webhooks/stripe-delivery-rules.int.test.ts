import type { StripeStandIn } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverAndDrain, listCallsFor, planOf, subscriber } from '../testing/stripe-scenarios.js';
import { PREMIUM_PRICE, startTestEntitlements, type TestEntitlements } from '../testing/test-entitlements.js';

let env: TestEntitlements;
let stripe: StripeStandIn;

beforeEach(async () => {
  env = await startTestEntitlements();
  stripe = env.stripe!;
});
afterEach(() => env.close());

const metric = async (type: string, outcome: string) => {
  const body = (await env.app.inject({ method: 'GET', url: '/metrics' })).body;
  const line = body
    .split('\n')
    .find((row) => row.startsWith(`hark_stripe_events_total{type="${type}",outcome="${outcome}"}`));
  return Number(line?.split(' ').at(-1) ?? 0);
};

describe('duplicates are applied once', () => {
  it('acknowledges a redelivery of an applied event without processing it again', async () => {
    const user = await subscriber(env, 'mia');
    const { delivery } = stripe.event('customer.subscription.created', user.subscription);
    expect((await env.deliver(delivery)).json()).toEqual({ received: true });
    await env.queueDrained();
    expect((await env.deliver(delivery)).json()).toEqual({ received: true, duplicate: true });
    await env.queueDrained();
    expect(listCallsFor(env, user.customer.id)).toBe(1);
    const ttl = await env.testRedis.redis.ttl(env.keys.stripeEvent(JSON.parse(delivery.body).id));
    expect(ttl).toBeGreaterThan(3 * 24 * 3600);
  });

  it('collapses concurrent deliveries of one event into one job', async () => {
    const user = await subscriber(env, 'mia');
    const { delivery } = stripe.event('customer.subscription.created', user.subscription);
    const responses = await Promise.all(Array.from({ length: 8 }, () => env.deliver(delivery)));
    expect(responses.every((response) => response.statusCode === 200)).toBe(true);
    await env.queueDrained();
    expect(listCallsFor(env, user.customer.id)).toBe(1);
    expect(await metric('customer.subscription.created', 'applied')).toBe(1);
  });
});

describe('order is not trusted', () => {
  it('ends cancelled when the cancellation arrives before an older "active" update', async () => {
    const user = await subscriber(env, 'noah');
    const { delivery: olderActive } = stripe.event('customer.subscription.updated', user.subscription);
    stripe.state.updateSubscription(user.subscription.id, { status: 'canceled' });
    const { delivery: newerDeleted } = stripe.event('customer.subscription.deleted', user.subscription);
    await env.deliver(newerDeleted);
    await env.queueDrained();
    await env.deliver(olderActive);
    await env.queueDrained();
    expect((await env.service.projections.read('noah'))?.subscription?.status).toBe('canceled');
    expect(await planOf(env, user.apiKey)).toBe('free');
  });

  it('keeps a new subscription when the old one’s deletion arrives after it', async () => {
    const user = await subscriber(env, 'olga');
    stripe.state.updateSubscription(user.subscription.id, { status: 'canceled' });
    const { delivery: oldDeleted } = stripe.event('customer.subscription.deleted', user.subscription);
    const renewed = stripe.state.createSubscription({
      customer: user.customer.id,
      price: PREMIUM_PRICE,
      metadata: { userId: 'olga', planId: 'premium' },
    });
    await deliverAndDrain(env, 'customer.subscription.created', renewed);
    await env.deliver(oldDeleted);
    await env.queueDrained();
    expect((await env.service.projections.read('olga'))?.subscription).toMatchObject({
      id: renewed.id,
      status: 'active',
    });
    expect(await planOf(env, user.apiKey)).toBe('premium');
  });
});

describe('concurrent deliveries for one customer are serialised', () => {
  it('never syncs one customer twice at the same time', async () => {
    const user = await subscriber(env, 'pia');
    stripe.listLatencyMs = 15;
    const deliveries = Array.from({ length: 12 }, (_, index) => {
      stripe.state.updateSubscription(user.subscription.id, { status: index % 2 ? 'active' : 'past_due' });
      return stripe.event('customer.subscription.updated', user.subscription).delivery;
    });
    stripe.state.updateSubscription(user.subscription.id, { status: 'trialing' });
    await Promise.all(deliveries.map((delivery) => env.deliver(delivery)));
    await env.queueDrained();
    expect(listCallsFor(env, user.customer.id)).toBe(12);
    expect(stripe.maxConcurrentListsPerCustomer).toBe(1);
    expect((await env.service.projections.read('pia'))?.subscription?.status).toBe('trialing');
  });
});

describe('a failure never loses the event', () => {
  it('retries a sync that failed until Stripe answers', async () => {
    const user = await subscriber(env, 'quinn');
    stripe.failNext('/v1/subscriptions', 3, 500);
    await deliverAndDrain(env, 'customer.subscription.created', user.subscription);
    expect(await planOf(env, user.apiKey)).toBe('premium');
    expect(await metric('customer.subscription.created', 'retrying')).toBe(3);
    expect(await metric('customer.subscription.created', 'applied')).toBe(1);
  });

  it('keeps a job that ran out of retries, unapplied, and runs it again when the event is resent', async () => {
    const user = await subscriber(env, 'quinn');
    stripe.failNext('/v1/subscriptions', 100, 500);
    const { event, delivery } = stripe.event('customer.subscription.created', user.subscription);
    await env.deliver(delivery);
    await env.queueDrained();
    expect(await env.service.queue.counts()).toEqual({ pending: 0, failed: 1 });
    expect(await env.testRedis.redis.exists(env.keys.stripeEvent(event.id))).toBe(0);
    expect(await metric('customer.subscription.created', 'failed')).toBe(1);

    stripe.clearFaults();
    expect((await env.deliver(delivery)).json()).toEqual({ received: true });
    await env.queueDrained();
    expect(await env.service.queue.counts()).toEqual({ pending: 0, failed: 0 });
    expect(await planOf(env, user.apiKey)).toBe('premium');
  });

  it('answers an error when the event cannot be queued, so Stripe delivers it again', async () => {
    const user = await subscriber(env, 'rosa');
    const { delivery } = stripe.event('customer.subscription.created', user.subscription);
    const queue = env.service.queue;
    const enqueue = queue.enqueue.bind(queue);
    queue.enqueue = async () => {
      throw new Error('Connection is closed.');
    };
    const refused = await env.deliver(delivery);
    expect(refused.statusCode).toBe(503);
    queue.enqueue = enqueue;
    expect((await env.deliver(delivery)).statusCode).toBe(200);
    await env.queueDrained();
    expect(await planOf(env, user.apiKey)).toBe('premium');
  });
});
