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
  customerId: string;
  userIdHint: string | null;
}

export const handledEventTypes = new Set([
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'invoice.paid',
  'invoice.payment_failed',
]);

type Expandable = string | { id: string } | null | undefined;
const idOf = (value: Expandable) => (typeof value === 'string' ? value : (value?.id ?? null));

function customerAndHint(event: Stripe.Event): { customer: Expandable; hint: string | null | undefined } {
  switch (event.type) {
    case 'checkout.session.completed': {
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
    default:
      return { customer: null, hint: null };
  }
}

/** The job for an event Hark acts on, or null (another type, or one without a customer). */
export function jobFromEvent(event: Stripe.Event): StripeEventJob | null {
  if (!handledEventTypes.has(event.type)) return null;
  const { customer, hint } = customerAndHint(event);
  const customerId = idOf(customer);
  if (!customerId) return null;
  return {
    eventId: event.id,
    type: event.type,
    created: event.created,
    customerId,
    userIdHint: hint ?? null,
  };
}
