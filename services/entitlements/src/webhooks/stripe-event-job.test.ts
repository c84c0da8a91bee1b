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
        event('checkout.session.completed', {
          id: 'cs_1',
          customer: 'cus_1',
          client_reference_id: 'u1',
          metadata: {},
        }),
      ),
    ).toEqual({
      eventId: 'evt_1',
      type: 'checkout.session.completed',
      created: 1_700_000_000,
      customerId: 'cus_1',
      userIdHint: 'u1',
      objectId: 'cs_1',
    });
    expect(
      jobFromEvent(
        event('customer.subscription.deleted', {
          id: 'sub_2',
          customer: { id: 'cus_2' },
          metadata: { userId: 'u2' },
        }),
      ),
    ).toMatchObject({ customerId: 'cus_2', userIdHint: 'u2' });
    const invoice = {
      id: 'in_3',
      customer: 'cus_3',
      parent: { subscription_details: { metadata: { userId: 'u3' } } },
    };
    expect(jobFromEvent(event('invoice.payment_failed', invoice))).toMatchObject({
      customerId: 'cus_3',
      userIdHint: 'u3',
      objectId: 'in_3',
    });
    expect(
      jobFromEvent(event('invoice.paid', { id: 'in_4', customer: 'cus_4', parent: null })),
    ).toMatchObject({
      userIdHint: null,
    });
  });

  it('queues money-only events (refunds, credit notes) with their object id and no customer to sync', () => {
    const refund = { id: 're_1', object: 'refund', customer: 'cus_5', payment_intent: 'pi_1' };
    expect(jobFromEvent(event('refund.created', refund))).toMatchObject({
      customerId: null,
      objectId: 're_1',
    });
    expect(jobFromEvent(event('credit_note.created', { id: 'cn_1', customer: 'cus_5' }))).toMatchObject({
      customerId: null,
      objectId: 'cn_1',
    });
    const expired = { id: 'cs_2', customer: 'cus_6', client_reference_id: 'u6', metadata: {} };
    expect(jobFromEvent(event('checkout.session.expired', expired))).toMatchObject({
      customerId: 'cus_6',
      objectId: 'cs_2',
    });
  });

  it('ignores other types and events without a customer', () => {
    expect(jobFromEvent(event('customer.created', { id: 'cus_1' }))).toBeNull();
    const session = { id: 'cs_1', customer: null, metadata: {} };
    expect(jobFromEvent(event('checkout.session.completed', session))).toBeNull();
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
