import { randomBytes } from 'node:crypto';

/**
 * The objects the Stripe stand-in keeps, shaped as Stripe's API returns them (the fields Hark
 * reads, and enough around them for stripe-node). Since API 2025-03-31 the billing period
 * lives on subscription items, not on the subscription.
 */
export type StripeSubscriptionStatus =
  | 'active'
  | 'trialing'
  | 'past_due'
  | 'incomplete'
  | 'incomplete_expired'
  | 'unpaid'
  | 'canceled'
  | 'paused';

export interface StandInCustomer {
  id: string;
  object: 'customer';
  created: number;
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
  livemode: false;
}

export interface StandInSubscriptionItem {
  id: string;
  object: 'subscription_item';
  created: number;
  price: { id: string; object: 'price'; active: true; currency: string; recurring: { interval: 'month' } };
  quantity: number;
  current_period_start: number;
  current_period_end: number;
  subscription: string;
}

export interface StandInSubscription {
  id: string;
  object: 'subscription';
  customer: string;
  status: StripeSubscriptionStatus;
  created: number;
  start_date: number;
  metadata: Record<string, string>;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  ended_at: number | null;
  livemode: false;
  items: { object: 'list'; data: StandInSubscriptionItem[]; has_more: false; url: string };
}

export interface StandInCheckoutSession {
  id: string;
  object: 'checkout.session';
  mode: string;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  customer: string | null;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  subscription_metadata: Record<string, string>;
  price: string | null;
  url: string;
  success_url: string | null;
  cancel_url: string | null;
  subscription: string | null;
  created: number;
  livemode: false;
}

export interface StandInPortalSession {
  id: string;
  object: 'billing_portal.session';
  customer: string;
  return_url: string | null;
  url: string;
  created: number;
  livemode: false;
}

export const stripeId = (prefix: string) => `${prefix}_${randomBytes(10).toString('hex')}`;
export const unixSeconds = () => Math.floor(Date.now() / 1000);
const MONTH_SECONDS = 30 * 24 * 3600;

export interface NewSubscription {
  customer: string;
  price: string;
  status?: StripeSubscriptionStatus;
  metadata?: Record<string, string>;
  currentPeriodEnd?: number;
}

export type SubscriptionChange = Partial<
  Pick<StandInSubscription, 'status' | 'metadata' | 'cancel_at_period_end'>
> & {
  price?: string;
  currentPeriodEnd?: number;
};

/** In-memory Stripe account: customers, subscriptions, checkout and portal sessions. */
export class StripeState {
  readonly customers = new Map<string, StandInCustomer>();
  readonly subscriptions = new Map<string, StandInSubscription>();
  readonly checkoutSessions = new Map<string, StandInCheckoutSession>();
  readonly portalSessions = new Map<string, StandInPortalSession>();
  /** Subscription ids oldest first; lists answer newest first, as Stripe does. */
  private readonly subscriptionOrder: string[] = [];

  constructor(private readonly baseUrl: () => string) {}

  createCustomer(
    input: { email?: string; name?: string; metadata?: Record<string, string> } = {},
  ): StandInCustomer {
    const customer: StandInCustomer = {
      id: stripeId('cus'),
      object: 'customer',
      created: unixSeconds(),
      email: input.email ?? null,
      name: input.name ?? null,
      metadata: { ...input.metadata },
      livemode: false,
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  createSubscription(input: NewSubscription): StandInSubscription {
    const now = unixSeconds();
    const id = stripeId('sub');
    const subscription: StandInSubscription = {
      id,
      object: 'subscription',
      customer: input.customer,
      status: input.status ?? 'active',
      created: now,
      start_date: now,
      metadata: { ...input.metadata },
      cancel_at_period_end: false,
      canceled_at: null,
      ended_at: null,
      livemode: false,
      items: {
        object: 'list',
        data: [this.item(id, input.price, input.currentPeriodEnd ?? now + MONTH_SECONDS)],
        has_more: false,
        url: `/v1/subscription_items?subscription=${id}`,
      },
    };
    this.subscriptions.set(id, subscription);
    this.subscriptionOrder.push(id);
    return subscription;
  }

  updateSubscription(id: string, change: SubscriptionChange): StandInSubscription {
    const subscription = this.subscriptions.get(id);
    if (!subscription) throw new Error(`stand-in: no subscription ${id}`);
    const { price, currentPeriodEnd, ...fields } = change;
    Object.assign(subscription, fields);
    const item = subscription.items.data[0]!;
    if (price) item.price = { ...item.price, id: price };
    if (currentPeriodEnd) item.current_period_end = currentPeriodEnd;
    if (fields.status === 'canceled' || fields.status === 'incomplete_expired') {
      subscription.canceled_at ??= unixSeconds();
      subscription.ended_at ??= unixSeconds();
    }
    return subscription;
  }

  /** Subscriptions newest first, optionally of one customer and one status ("all" = any). */
  listSubscriptions(filter: { customer?: string; status?: string }): StandInSubscription[] {
    return [...this.subscriptionOrder]
      .reverse()
      .map((id) => this.subscriptions.get(id)!)
      .filter((subscription) => !filter.customer || subscription.customer === filter.customer)
      .filter((subscription) => statusMatches(subscription.status, filter.status));
  }

  createCheckoutSession(
    fields: Omit<
      StandInCheckoutSession,
      'id' | 'object' | 'url' | 'status' | 'payment_status' | 'subscription' | 'created' | 'livemode'
    >,
  ): StandInCheckoutSession {
    const id = stripeId('cs_test');
    const session: StandInCheckoutSession = {
      ...fields,
      id,
      object: 'checkout.session',
      status: 'open',
      payment_status: 'unpaid',
      subscription: null,
      url: `${this.baseUrl()}/c/pay/${id}`,
      created: unixSeconds(),
      livemode: false,
    };
    this.checkoutSessions.set(id, session);
    return session;
  }

  createPortalSession(customer: string, returnUrl: string | null): StandInPortalSession {
    const id = stripeId('bps');
    const session: StandInPortalSession = {
      id,
      object: 'billing_portal.session',
      customer,
      return_url: returnUrl,
      url: `${this.baseUrl()}/p/session/${id}`,
      created: unixSeconds(),
      livemode: false,
    };
    this.portalSessions.set(id, session);
    return session;
  }

  /** The user paid on the Checkout page: the session completes and its subscription starts. */
  completeCheckout(sessionId: string, status: StripeSubscriptionStatus = 'active') {
    const session = this.checkoutSessions.get(sessionId);
    if (!session?.customer || !session.price)
      throw new Error(`stand-in: no payable checkout session ${sessionId}`);
    const subscription = this.createSubscription({
      customer: session.customer,
      price: session.price,
      status,
      metadata: session.subscription_metadata,
    });
    Object.assign(session, { status: 'complete', payment_status: 'paid', subscription: subscription.id });
    return { session, subscription };
  }

  private item(subscription: string, price: string, periodEnd: number): StandInSubscriptionItem {
    return {
      id: stripeId('si'),
      object: 'subscription_item',
      created: unixSeconds(),
      price: { id: price, object: 'price', active: true, currency: 'usd', recurring: { interval: 'month' } },
      quantity: 1,
      current_period_start: periodEnd - MONTH_SECONDS,
      current_period_end: periodEnd,
      subscription,
    };
  }
}

/** Stripe's list filter: no status means every status but canceled; "all" means every one. */
function statusMatches(status: StripeSubscriptionStatus, wanted: string | undefined): boolean {
  if (wanted === 'all') return true;
  if (wanted === undefined) return status !== 'canceled';
  if (wanted === 'ended') return status === 'canceled' || status === 'incomplete_expired';
  return status === wanted;
}
