import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { jobFromEvent } from './stripe-event-job.js';
import { retryDelayMs } from './stripe-event-queue.js';

const event = (type: string, object: object) =>
  ({ id: 'evt_1', type, created: 1_700_000_000, data: { object } }) as Stripe.Event;

describe('jobFromEvent', () => {
  it('takes the customer and the user hint from each handled event type', () => {
    expect(
      jobFromEvent(
        event('checkout.session.completed', { customer: 'cus_1', client_reference_id: 'u1', metadata: {} }),
      ),
    ).toEqual({
      eventId: 'evt_1',
      type: 'checkout.session.completed',
      created: 1_700_000_000,
      customerId: 'cus_1',
      userIdHint: 'u1',
    });
    expect(
      jobFromEvent(
        event('customer.subscription.deleted', { customer: { id: 'cus_2' }, metadata: { userId: 'u2' } }),
      ),
    ).toMatchObject({ customerId: 'cus_2', userIdHint: 'u2' });
    const invoice = { customer: 'cus_3', parent: { subscription_details: { metadata: { userId: 'u3' } } } };
    expect(jobFromEvent(event('invoice.payment_failed', invoice))).toMatchObject({
      customerId: 'cus_3',
      userIdHint: 'u3',
    });
    expect(jobFromEvent(event('invoice.paid', { customer: 'cus_4', parent: null }))).toMatchObject({
      userIdHint: null,
    });
  });

  it('ignores other types and events without a customer', () => {
    expect(jobFromEvent(event('customer.created', { id: 'cus_1' }))).toBeNull();
    expect(jobFromEvent(event('checkout.session.completed', { customer: null, metadata: {} }))).toBeNull();
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base delay up to the cap', () => {
    const policy = { attempts: 10, baseDelayMs: 1_000, maxDelayMs: 5_000 };
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, policy))).toEqual([
      1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
  });
});
