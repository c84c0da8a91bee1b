import type { StripeStandIn } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bearer,
  operator,
  PREMIUM_PRICE,
  startTestEntitlements,
  type TestEntitlements,
} from '../testing/test-entitlements.js';

describe('billing with Stripe', () => {
  let env: TestEntitlements;
  let stripe: StripeStandIn;
  let key: string;

  beforeEach(async () => {
    env = await startTestEntitlements();
    stripe = env.stripe!;
    key = await env.userWithKey('frank', 'Frank Ocean');
  });
  afterEach(() => env.close());

  const checkout = (plan: string, requestId?: string) =>
    env.app.inject({
      method: 'POST',
      url: '/v1/billing/checkout',
      headers: { ...bearer(key), ...(requestId ? { 'x-request-id': requestId } : {}) },
      payload: { plan },
    });
  const portal = () => env.app.inject({ method: 'POST', url: '/v1/billing/portal', headers: bearer(key) });

  it('returns a Checkout URL for a subscription, sending Stripe a form-encoded request with an idempotency key', async () => {
    const response = await checkout('premium', 'req-checkout-1');
    expect(response.statusCode).toBe(200);
    const { url, sessionId } = response.json();
    expect(url).toBe(`${stripe.url}/c/pay/${sessionId}`);

    const [customerCall] = stripe.requestsTo('POST', '/v1/customers');
    expect(customerCall?.form).toEqual({ name: 'Frank Ocean', metadata: { userId: 'frank' } });
    expect(customerCall?.idempotencyKey).toBe('hark-customer-frank');
    const [sessionCall] = stripe.requestsTo('POST', '/v1/checkout/sessions');
    expect(sessionCall?.contentType).toContain('application/x-www-form-urlencoded');
    expect(sessionCall?.idempotencyKey).toBe('hark-checkout-frank-req-checkout-1');
    expect(sessionCall?.form).toEqual({
      mode: 'subscription',
      customer: stripe.state.customers.keys().next().value,
      client_reference_id: 'frank',
      line_items: [{ price: PREMIUM_PRICE, quantity: '1' }],
      metadata: { userId: 'frank', planId: 'premium' },
      subscription_data: { metadata: { userId: 'frank', planId: 'premium' } },
      success_url: 'http://hark.test/?billing=success&session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://hark.test/?billing=cancelled',
    });
  });

  it('creates the customer once and reuses it; a retried request gets the same session back', async () => {
    const first = (await checkout('premium', 'req-a')).json();
    const retried = (await checkout('premium', 'req-a')).json();
    const second = (await checkout('premium', 'req-b')).json();
    expect(retried.sessionId).toBe(first.sessionId);
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(stripe.requestsTo('POST', '/v1/customers')).toHaveLength(1);
    expect(stripe.state.customers.size).toBe(1);
    const customers = new Set([...stripe.state.checkoutSessions.values()].map((session) => session.customer));
    expect(customers.size).toBe(1);
    const keys = stripe.requestsTo('POST', '/v1/checkout/sessions').map((request) => request.idempotencyKey);
    expect(keys).toEqual([
      'hark-checkout-frank-req-a',
      'hark-checkout-frank-req-a',
      'hark-checkout-frank-req-b',
    ]);
  });

  it('uses a fresh idempotency key per request when the client sends no request id', async () => {
    await checkout('premium');
    await checkout('premium');
    const [a, b] = stripe
      .requestsTo('POST', '/v1/checkout/sessions')
      .map((request) => request.idempotencyKey);
    expect(a).toMatch(/^hark-checkout-frank-[0-9a-f-]{36}$/);
    expect(b).not.toBe(a);
  });

  it('refuses plans that cannot be bought, with a clear code each', async () => {
    expect((await checkout('free')).json().error.code).toBe('HARK_ERR_PLAN_NOT_FOR_SALE');
    expect((await checkout('platinum')).statusCode).toBe(404);
    await env.app.inject({
      method: 'PATCH',
      url: '/admin/plans/premium',
      headers: operator(),
      payload: { enabled: false },
    });
    const closed = await checkout('premium');
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('HARK_ERR_PLAN_UNAVAILABLE');
    expect(stripe.requests).toHaveLength(0);
  });

  it('makes a user who paid premium, then sends them to the portal instead of a second checkout', async () => {
    const { sessionId } = (await checkout('premium', 'req-pay')).json();
    const { session, subscription } = stripe.state.completeCheckout(sessionId);
    await env.deliver(stripe.event('checkout.session.completed', session).delivery);
    await env.queueDrained();
    const me = (await env.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(key) })).json();
    expect(me).toMatchObject({
      plan: { id: 'premium', name: 'Premium' },
      features: { conversation: true, 'voice.stt': true, 'voice.tts': true },
      limits: { 'conversation.turns_per_day': 200 },
      subscription: {
        status: 'active',
        planId: 'premium',
        currentPeriodEnd: new Date(subscription.items.data[0]!.current_period_end * 1000).toISOString(),
      },
    });
    const again = await checkout('premium', 'req-again');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('HARK_ERR_ALREADY_SUBSCRIBED');
  });

  it('opens the Customer Portal for a user with a customer, and says why not otherwise', async () => {
    const before = await portal();
    expect(before.statusCode).toBe(404);
    expect(before.json().error.code).toBe('HARK_ERR_NO_BILLING_ACCOUNT');
    await checkout('premium');
    const response = await portal();
    expect(response.statusCode).toBe(200);
    expect(response.json().url).toMatch(new RegExp(`^${stripe.url}/p/session/bps_`));
    const [call] = stripe.requestsTo('POST', '/v1/billing_portal/sessions');
    expect(call?.form).toEqual({
      customer: [...stripe.state.customers.keys()][0],
      return_url: 'http://hark.test/',
    });
  });

  it('answers 502 without internals when Stripe fails', async () => {
    stripe.failNext('/v1/customers', 1, 500);
    const response = await checkout('premium');
    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('HARK_ERR_PAYMENT_PROVIDER_ERROR');
    expect(response.json().error.message).not.toContain('stand-in');
  });
});

describe('billing without Stripe keys', () => {
  let env: TestEntitlements;
  beforeEach(async () => {
    env = await startTestEntitlements({ stripe: false });
  });
  afterEach(() => env.close());

  it('answers 503 BILLING_UNAVAILABLE for checkout, portal, webhooks and resync; grants still work', async () => {
    const key = await env.userWithKey('gina');
    const calls = [
      env.app.inject({
        method: 'POST',
        url: '/v1/billing/checkout',
        headers: bearer(key),
        payload: { plan: 'premium' },
      }),
      env.app.inject({ method: 'POST', url: '/v1/billing/portal', headers: bearer(key) }),
      env.app.inject({
        method: 'POST',
        url: '/webhooks/stripe',
        headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=x' },
        payload: '{}',
      }),
      env.app.inject({ method: 'POST', url: '/admin/stripe/resync', headers: operator() }),
    ];
    for (const response of await Promise.all(calls)) {
      expect(response.statusCode).toBe(503);
      expect(response.json().error.code).toBe('HARK_ERR_BILLING_UNAVAILABLE');
    }
    const grant = await env.app.inject({
      method: 'PUT',
      url: '/admin/users/gina/grant',
      headers: operator(),
      payload: { plan: 'premium', reason: 'no billing yet' },
    });
    expect(grant.json().effective.planId).toBe('premium');
    const me = await env.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(key) });
    expect(me.json().plan.id).toBe('premium');
  });
});
