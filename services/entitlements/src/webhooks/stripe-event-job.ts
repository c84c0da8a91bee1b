import type Stripe from 'stripe';

/**
 * What the queue keeps of a webhook event: which customer to sync, a hint of who they are, and
 * the event's id and time. Not the payload: state is re-fetched from Stripe when the job runs,
 * and the queue should not hold customers' billing details.
 */
export interface StripeEventJob {
  eventId: string;
  type: string;
  /** Stripe's `created`, unix seconds. */
  created: number;
  /** The customer to sync; null for an event about money only (a refund names no customer). */
  customerId: string | null;
  userIdHint: string | null;
  /** The id of the event's object (invoice, refund, credit note, session), to re-fetch it. */
  objectId: string;
}

export const handledEventTypes = new Set([
  'checkout.session.completed',
  'checkout.session.expired',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'invoice.paid',
  'invoice.payment_failed',
  'refund.created',
  'refund.updated',
  'credit_note.created',
  'credit_note.updated',
]);

/** Events recorded as money or funnel steps (MoneyRecorder), beside the customer's sync. */
export const moneyEventTypes = new Set([
  'checkout.session.completed',
  'checkout.session.expired',
  'invoice.paid',
  'refund.created',
  'refund.updated',
  'credit_note.created',
  'credit_note.updated',
]);

/** Money-only events: there is no subscription state to sync for them. */
const withoutSync = new Set([
  'refund.created',
  'refund.updated',
  'credit_note.created',
  'credit_note.updated',
]);

type Expandable = string | { id: string } | null | undefined;
const idOf = (value: Expandable) => (typeof value === 'string' ? value : (value?.id ?? null));

function customerAndHint(event: Stripe.Event): { customer: Expandable; hint: string | null | undefined } {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.expired': {
      const session = event.data.object;
      return { customer: session.customer, hint: session.client_reference_id ?? session.metadata?.userId };
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
    case 'customer.subscription.paused':
    case 'customer.subscription.resumed': {
      const subscription = event.data.object;
      return { customer: subscription.customer, hint: subscription.metadata?.userId };
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = event.data.object;
      return { customer: invoice.customer, hint: invoice.parent?.subscription_details?.metadata?.userId };
    }
    case 'refund.created':
    case 'refund.updated':
    case 'credit_note.created':
    case 'credit_note.updated':
      return { customer: null, hint: null };
    default:
      return { customer: null, hint: null };
  }
}

/** The job for an event Hark acts on, or null (another type, or one without a customer). */
export function jobFromEvent(event: Stripe.Event): StripeEventJob | null {
  if (!handledEventTypes.has(event.type)) return null;
  const { customer, hint } = customerAndHint(event);
  const customerId = idOf(customer);
  const objectId = (event.data.object as { id?: string }).id;
  if (!objectId || (!customerId && !withoutSync.has(event.type))) return null;
  return {
    eventId: event.id,
    type: event.type,
    created: event.created,
    customerId: withoutSync.has(event.type) ? null : customerId,
    userIdHint: hint ?? null,
    objectId,
  };
}
