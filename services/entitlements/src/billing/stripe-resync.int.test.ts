import { deleteKeys, type StripeStandIn, type StripeSubscriptionStatus } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  operator,
  PREMIUM_PRICE,
  startTestEntitlements,
  type TestEntitlements,
} from '../testing/test-entitlements.js';

let env: TestEntitlements;
let stripe: StripeStandIn;

beforeEach(async () => {
  env = await startTestEntitlements();
  stripe = env.stripe!;
});
afterEach(() => env.close());

const statuses: StripeSubscriptionStatus[] = [
  'active',
  'trialing',
  'past_due',
  'canceled',
  'unpaid',
  'paused',
];
const resync = () =>
  env.app.inject({ method: 'POST', url: '/admin/stripe/resync', headers: operator('ops') });

/** 130 paying (or lapsed) users, more than one page of Stripe's list. */
async function stripeAccountWithUsers(count: number): Promise<Map<string, StripeSubscriptionStatus>> {
  const expected = new Map<string, StripeSubscriptionStatus>();
  for (let index = 0; index < count; index++) {
    const userId = `resync-${index}`;
    const status = statuses[index % statuses.length]!;
    await env.app.users.createUser({ id: userId });
    const customer = stripe.state.createCustomer({ metadata: { userId } });
    // Every tenth subscription lacks metadata, as one created in the dashboard would: the customer names the user.
    const metadata: Record<string, string> = index % 10 === 0 ? {} : { userId, planId: 'premium' };
    stripe.state.createSubscription({ customer: customer.id, price: PREMIUM_PRICE, status, metadata });
    expected.set(userId, status);
  }
  return expected;
}

/** What losing Redis loses: every projection and both customer mappings (users stay, as their keys would be restored). */
async function forgetEntitlements(userIds: string[]): Promise<void> {
  const { keys } = env;
  const doomed = [
    keys.stripeCustomers(),
    ...userIds.flatMap((id) => [keys.entitlement(id), keys.stripeCustomerOf(id)]),
  ];
  await deleteKeys(env.testRedis.redis, doomed); // one by one: on a Redis Cluster they live on different slots
}

describe('POST /admin/stripe/resync', () => {
  it('rebuilds every projection from Stripe after Redis lost them', async () => {
    const expected = await stripeAccountWithUsers(130);
    const stranger = stripe.state.createCustomer();
    stripe.state.createSubscription({ customer: stranger.id, price: PREMIUM_PRICE });
    expect((await resync()).statusCode).toBe(200);
    await forgetEntitlements([...expected.keys()]);

    const response = await resync();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      subscriptions: 131,
      customers: 131,
      usersUpdated: 130,
      unmatchedCustomers: [stranger.id],
    });
    for (const [userId, status] of expected) {
      const projection = await env.service.projections.read(userId);
      expect(projection?.subscription, userId).toMatchObject({ status, planId: 'premium' });
      const access = ['active', 'trialing', 'past_due'].includes(status);
      expect(projection?.planId, userId).toBe(access ? 'premium' : 'free');
      expect(await env.service.customers.customerOf(userId)).toBe(projection?.subscription?.customerId);
    }
    const pages = stripe.requestsTo('GET', '/v1/subscriptions').filter((request) => !request.query.customer);
    expect(pages.length).toBeGreaterThanOrEqual(4);
  });

  it('changes nothing, and publishes nothing, when Redis already agrees with Stripe', async () => {
    await stripeAccountWithUsers(12);
    await resync();
    expect((await resync()).json()).toMatchObject({ customers: 12, usersUpdated: 0, unmatchedCustomers: [] });
  });

  it('runs one at a time and records itself in the audit log', async () => {
    await stripeAccountWithUsers(3);
    await env.testRedis.redis.set(env.keys.stripeResyncLock(), 'another-instance', 'PX', 10_000);
    const busy = await resync();
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('HARK_ERR_INVALID_STATE');
    await env.testRedis.redis.del(env.keys.stripeResyncLock());
    expect((await resync()).statusCode).toBe(200);
    const audit = (
      await env.app.inject({ method: 'GET', url: '/admin/audit?limit=1', headers: operator() })
    ).json();
    expect(audit.entries[0]).toMatchObject({
      action: 'stripe.resync',
      actor: { name: 'bootstrap', role: 'owner' },
      note: 'ops',
      after: { customers: 3 },
    });
  });

  it('answers 502 when Stripe fails mid-way', async () => {
    await stripeAccountWithUsers(3);
    stripe.failNext('/v1/subscriptions', 1, 500);
    const response = await resync();
    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('HARK_ERR_PAYMENT_PROVIDER_ERROR');
  });
});
