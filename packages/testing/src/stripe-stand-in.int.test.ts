import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeStripeForm } from './stripe-form.js';
import { StripeStandIn } from './stripe-stand-in.js';

let standIn: StripeStandIn;
let stripe: Stripe;

beforeAll(async () => {
  standIn = await StripeStandIn.start();
  const port = new URL(standIn.url).port;
  stripe = new Stripe(standIn.secretKey, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
});
afterAll(() => standIn.close());

describe('Stripe form encoding', () => {
  it('decodes bracketed paths into objects and arrays', () => {
    expect(
      decodeStripeForm(
        'metadata[userId]=u1&line_items[0][price]=price_x&line_items[0][quantity]=1&expand[0]=a',
      ),
    ).toEqual({
      metadata: { userId: 'u1' },
      line_items: [{ price: 'price_x', quantity: '1' }],
      expand: ['a'],
    });
  });
});

describe('Stripe stand-in, driven by stripe-node', () => {
  it('creates and retrieves customers, recording the form-encoded request', async () => {
    const customer = await stripe.customers.create({ metadata: { userId: 'alice' } });
    expect(customer.id).toMatch(/^cus_/);
    expect((await stripe.customers.retrieve(customer.id)).id).toBe(customer.id);
    const [recorded] = standIn.requestsTo('POST', '/v1/customers');
    expect(recorded?.contentType).toContain('application/x-www-form-urlencoded');
    expect(recorded?.form).toEqual({ metadata: { userId: 'alice' } });
  });

  it('replays an idempotent request and refuses the same key with other parameters', async () => {
    const customer = await stripe.customers.create({});
    const params = {
      mode: 'subscription' as const,
      customer: customer.id,
      line_items: [{ price: 'price_premium', quantity: 1 }],
      success_url: 'http://127.0.0.1/ok',
    };
    const first = await stripe.checkout.sessions.create(params, { idempotencyKey: 'k-1' });
    const again = await stripe.checkout.sessions.create(params, { idempotencyKey: 'k-1' });
    expect(again.id).toBe(first.id);
    expect(first.url).toContain(standIn.url);
    await expect(
      stripe.checkout.sessions.create({ ...params, client_reference_id: 'bob' }, { idempotencyKey: 'k-1' }),
    ).rejects.toMatchObject({ type: 'StripeIdempotencyError' });
  });

  it('creates portal sessions for known customers only', async () => {
    const customer = await stripe.customers.create({});
    const session = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: 'http://x/',
    });
    expect(session.url).toContain('/p/session/');
    await expect(stripe.billingPortal.sessions.create({ customer: 'cus_nope' })).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it('lists subscriptions newest first across pages', async () => {
    const customer = standIn.state.createCustomer();
    const created = Array.from({ length: 7 }, () =>
      standIn.state.createSubscription({ customer: customer.id, price: 'price_premium' }),
    );
    standIn.state.updateSubscription(created[0]!.id, { status: 'canceled' });
    const all = await stripe.subscriptions
      .list({ customer: customer.id, status: 'all', limit: 3 })
      .autoPagingToArray({ limit: 100 });
    expect(all.map((subscription) => subscription.id)).toEqual(created.map((s) => s.id).reverse());
    const open = await stripe.subscriptions.list({ customer: customer.id });
    expect(open.data.map((subscription) => subscription.status)).not.toContain('canceled');
    expect(all[0]?.items.data[0]?.current_period_end).toBeGreaterThan(Date.now() / 1000);
  });

  it('fails on purpose when told to, without the SDK retrying', async () => {
    standIn.failNext('/v1/subscriptions', 1, 500);
    await expect(stripe.subscriptions.list({})).rejects.toMatchObject({ statusCode: 500 });
    await expect(stripe.subscriptions.list({})).resolves.toBeDefined();
  });

  it('refuses a wrong API key', async () => {
    const port = new URL(standIn.url).port;
    const wrong = new Stripe('sk_test_wrong', {
      host: '127.0.0.1',
      port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    await expect(wrong.customers.create({})).rejects.toMatchObject({ statusCode: 401 });
  });

  it('signs events so that the SDK verifies them, and rejects a wrong secret', () => {
    const customer = standIn.state.createCustomer();
    const subscription = standIn.state.createSubscription({ customer: customer.id, price: 'price_premium' });
    const { event, delivery } = standIn.event('customer.subscription.created', subscription);
    const verified = stripe.webhooks.constructEvent(
      delivery.body,
      delivery.headers['stripe-signature'],
      standIn.webhookSecret,
    );
    expect(verified.id).toBe(event.id);
    expect(() =>
      stripe.webhooks.constructEvent(delivery.body, delivery.headers['stripe-signature'], 'whsec_other'),
    ).toThrow();
  });
});

describe('Stripe stand-in billing, on its own clock', () => {
  it('bills a subscription: trial for 0, a failed renewal then paid, a refund; lists page through', async () => {
    let now = Date.parse('2026-03-01T00:00:00Z');
    standIn.state.clock = { now: () => new Date(now) };
    standIn.state.registerPrice({ id: 'price_billing_test', unitAmount: 700, currency: 'eur' });
    const customer = standIn.state.createCustomer({ metadata: { userId: 'ada' } });
    const { subscription, invoice: trialInvoice } = standIn.state.subscribe({
      customer: customer.id,
      price: 'price_billing_test',
      metadata: { userId: 'ada' },
      trialDays: 14,
    });
    expect(subscription).toMatchObject({
      status: 'trialing',
      trial_end: Date.parse('2026-03-15T00:00:00Z') / 1000,
    });
    expect(trialInvoice).toMatchObject({ status: 'paid', amount_paid: 0 });

    now = Date.parse('2026-03-15T00:00:00Z');
    const failed = standIn.state.renew(subscription.id, { fail: true });
    expect(failed.subscription.status).toBe('past_due');
    now = Date.parse('2026-03-16T00:00:00Z');
    standIn.state.payInvoice(failed.invoice.id);
    const refund = standIn.state.refundInvoice(failed.invoice.id, 200);

    // What the SDK reads back, in stripe 23's shape.
    const invoice = await stripe.invoices.retrieve(failed.invoice.id, { expand: ['payments'] });
    expect(invoice).toMatchObject({
      status: 'paid',
      amount_paid: 700,
      currency: 'eur',
      status_transitions: { paid_at: Date.parse('2026-03-16T00:00:00Z') / 1000 },
      parent: { subscription_details: { subscription: subscription.id, metadata: { userId: 'ada' } } },
    });
    expect(invoice.lines.data[0]?.pricing?.price_details?.price).toBe('price_billing_test');
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
    const fetched = await stripe.refunds.retrieve(refund.id);
    expect(fetched).toMatchObject({
      amount: 200,
      payment_intent: invoice.payments?.data[0]?.payment.payment_intent,
    });

    const paid = await stripe.invoices
      .list({ customer: customer.id, status: 'paid', limit: 1 })
      .autoPagingToArray({ limit: 10 });
    expect(paid.map((one) => one.id)).toEqual([failed.invoice.id, trialInvoice.id]);
    await expect(stripe.invoices.retrieve('in_missing')).rejects.toMatchObject({ statusCode: 404 });
    standIn.state.clock = { now: () => new Date() };
  });
});
