import { randomBytes } from 'node:crypto';
import type {
  PriceInterval,
  StandInCreditNote,
  StandInInvoice,
  StandInPrice,
  StandInRefund,
} from './stripe-billing-objects.js';

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
  price: StandInPrice;
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
  trial_start: number | null;
  trial_end: number | null;
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
const DAY_SECONDS = 24 * 3600;
const MONTH_SECONDS = 30 * DAY_SECONDS;
const periodSeconds: Record<PriceInterval, number> = {
  day: DAY_SECONDS,
  week: 7 * DAY_SECONDS,
  month: MONTH_SECONDS,
  year: 365 * DAY_SECONDS,
};
/** What an unregistered price id costs: Hark's premium seed price. */
const DEFAULT_PRICE = { unitAmount: 500, currency: 'usd', interval: 'month' as const };

export interface NewSubscription {
  customer: string;
  price: string;
  status?: StripeSubscriptionStatus;
  metadata?: Record<string, string>;
  currentPeriodEnd?: number;
  /** Starts status `trialing` for this many days (the first invoice is for 0). */
  trialDays?: number;
}

export interface NewPrice {
  id?: string;
  unitAmount: number;
  currency?: string;
  interval?: PriceInterval;
  intervalCount?: number;
}

export type SubscriptionChange = Partial<
  Pick<StandInSubscription, 'status' | 'metadata' | 'cancel_at_period_end'>
> & {
  price?: string;
  currentPeriodEnd?: number;
};

/**
 * In-memory Stripe account: prices, customers, subscriptions, invoices, refunds, credit notes,
 * checkout and portal sessions. Its time is `clock` (the system clock unless a test shares its
 * own, so a scripted month runs in seconds); every `created` and period comes from it.
 */
export class StripeState {
  readonly prices = new Map<string, StandInPrice>();
  readonly customers = new Map<string, StandInCustomer>();
  readonly subscriptions = new Map<string, StandInSubscription>();
  readonly invoices = new Map<string, StandInInvoice>();
  readonly refunds = new Map<string, StandInRefund>();
  readonly creditNotes = new Map<string, StandInCreditNote>();
  readonly checkoutSessions = new Map<string, StandInCheckoutSession>();
  readonly portalSessions = new Map<string, StandInPortalSession>();
  clock: { now(): Date } = { now: () => new Date() };
  /** Subscription ids oldest first; lists answer newest first, as Stripe does. */
  private readonly subscriptionOrder: string[] = [];

  constructor(private readonly baseUrl: () => string) {}

  /** Now on the stand-in's clock, in unix seconds. */
  now(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  /** A recurring price (monthly unless told); ids of prices never registered cost 5.00 USD a month. */
  registerPrice(input: NewPrice): StandInPrice {
    const price: StandInPrice = {
      id: input.id ?? stripeId('price'),
      object: 'price',
      active: true,
      created: this.now(),
      currency: input.currency ?? 'usd',
      unit_amount: input.unitAmount,
      product: stripeId('prod'),
      type: 'recurring',
      recurring: {
        interval: input.interval ?? 'month',
        interval_count: input.intervalCount ?? 1,
        usage_type: 'licensed',
      },
      livemode: false,
    };
    this.prices.set(price.id, price);
    return price;
  }

  price(id: string): StandInPrice {
    return this.prices.get(id) ?? this.registerPrice({ id, ...DEFAULT_PRICE });
  }

  createCustomer(
    input: { email?: string; name?: string; metadata?: Record<string, string> } = {},
  ): StandInCustomer {
    const customer: StandInCustomer = {
      id: stripeId('cus'),
      object: 'customer',
      created: this.now(),
      email: input.email ?? null,
      name: input.name ?? null,
      metadata: { ...input.metadata },
      livemode: false,
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  /** A subscription as it is, without invoices (see `subscribe` for one that bills). */
  createSubscription(input: NewSubscription): StandInSubscription {
    const now = this.now();
    const id = stripeId('sub');
    const trialEnd = input.trialDays ? now + input.trialDays * DAY_SECONDS : null;
    const price = this.price(input.price);
    const periodEnd = input.currentPeriodEnd ?? trialEnd ?? now + periodSeconds[price.recurring.interval];
    const subscription: StandInSubscription = {
      id,
      object: 'subscription',
      customer: input.customer,
      status: input.status ?? (trialEnd ? 'trialing' : 'active'),
      created: now,
      start_date: now,
      metadata: { ...input.metadata },
      cancel_at_period_end: false,
      canceled_at: null,
      ended_at: null,
      trial_start: trialEnd ? now : null,
      trial_end: trialEnd,
      livemode: false,
      items: {
        object: 'list',
        data: [this.item(id, price, periodEnd)],
        has_more: false,
        url: `/v1/subscription_items?subscription=${id}`,
      },
    };
    if (trialEnd) subscription.items.data[0]!.current_period_start = now;
    this.subscriptions.set(id, subscription);
    this.subscriptionOrder.push(id);
    return subscription;
  }

  /**
   * A subscription that bills as Stripe's does: its first invoice is created and paid at once
   * (for 0 during a trial).
   */
  subscribe(input: NewSubscription): { subscription: StandInSubscription; invoice: StandInInvoice } {
    const subscription = this.createSubscription(input);
    const invoice = this.invoiceFor(subscription, 'subscription_create', subscription.trial_end ? 0 : null);
    return { subscription, invoice: this.settle(invoice, true) };
  }

  updateSubscription(id: string, change: SubscriptionChange): StandInSubscription {
    const subscription = this.subscription(id);
    const { price, currentPeriodEnd, ...fields } = change;
    Object.assign(subscription, fields);
    const item = subscription.items.data[0]!;
    if (price) item.price = this.price(price);
    if (currentPeriodEnd) item.current_period_end = currentPeriodEnd;
    if (fields.status === 'canceled' || fields.status === 'incomplete_expired') {
      subscription.canceled_at ??= this.now();
      subscription.ended_at ??= this.now();
    }
    return subscription;
  }

  /** An upgrade or downgrade now, without proration (the next renewal bills the new price). */
  changePrice(id: string, price: string): StandInSubscription {
    return this.updateSubscription(id, { price });
  }

  /** Cancels now (a trial that does not convert, or a customer who leaves). */
  cancel(id: string): StandInSubscription {
    return this.updateSubscription(id, { status: 'canceled' });
  }

  /**
   * The next billing period starts now (a renewal, or a trial's end): an invoice for the item's
   * price. Paid, the subscription is active; failed, it is past_due with the invoice open (pay
   * it later with `payInvoice`).
   */
  renew(id: string, outcome: { fail?: boolean } = {}) {
    const subscription = this.subscription(id);
    const item = subscription.items.data[0]!;
    const now = this.now();
    item.current_period_start = now;
    item.current_period_end = now + periodSeconds[item.price.recurring.interval];
    const invoice = this.invoiceFor(subscription, 'subscription_cycle', null);
    subscription.status = outcome.fail ? 'past_due' : 'active';
    return { subscription, invoice: this.settle(invoice, !outcome.fail) };
  }

  /** A failed invoice is paid after all (a retry or a new card): its subscription is active again. */
  payInvoice(invoiceId: string): StandInInvoice {
    const invoice = this.invoices.get(invoiceId);
    if (invoice?.status !== 'open') throw new Error(`stand-in: no open invoice ${invoiceId}`);
    const subscription = this.subscriptions.get(invoice.parent.subscription_details.subscription);
    if (subscription?.status === 'past_due' || subscription?.status === 'unpaid')
      subscription.status = 'active';
    return this.settle(invoice, true);
  }

  /** Refunds (part of) a paid invoice's payment: a Refund on its PaymentIntent. */
  refundInvoice(invoiceId: string, amount?: number): StandInRefund {
    const invoice = this.invoices.get(invoiceId);
    if (invoice?.status !== 'paid') throw new Error(`stand-in: no paid invoice ${invoiceId}`);
    const refund: StandInRefund = {
      id: stripeId('re'),
      object: 'refund',
      amount: amount ?? invoice.amount_paid,
      currency: invoice.currency,
      charge: null,
      customer: invoice.customer,
      payment_intent: invoice.payments.data[0]!.payment.payment_intent,
      created: this.now(),
      status: 'succeeded',
      reason: null,
      metadata: {},
    };
    this.refunds.set(refund.id, refund);
    return refund;
  }

  /**
   * A credit note on a paid invoice: `refundAmount` is refunded (a Refund is created too),
   * `outOfBandAmount` was returned outside Stripe.
   */
  creditNote(
    invoiceId: string,
    amounts: { refundAmount?: number; outOfBandAmount?: number },
  ): { creditNote: StandInCreditNote; refund: StandInRefund | null } {
    const invoice = this.invoices.get(invoiceId);
    if (invoice?.status !== 'paid') throw new Error(`stand-in: no paid invoice ${invoiceId}`);
    const refund = amounts.refundAmount ? this.refundInvoice(invoiceId, amounts.refundAmount) : null;
    const total = (amounts.refundAmount ?? 0) + (amounts.outOfBandAmount ?? 0);
    const creditNote: StandInCreditNote = {
      id: stripeId('cn'),
      object: 'credit_note',
      amount: total,
      total,
      subtotal: total,
      currency: invoice.currency,
      customer: invoice.customer,
      invoice: invoice.id,
      created: this.now(),
      effective_at: this.now(),
      out_of_band_amount: amounts.outOfBandAmount ?? null,
      post_payment_amount: total,
      pre_payment_amount: 0,
      refunds: refund
        ? [{ refund: refund.id, amount_refunded: refund.amount, type: 'payment_record_refund' }]
        : [],
      status: 'issued',
      type: 'post_payment',
      reason: null,
      memo: null,
      metadata: {},
      livemode: false,
    };
    this.creditNotes.set(creditNote.id, creditNote);
    return { creditNote, refund };
  }

  /** Subscriptions newest first, optionally of one customer and one status ("all" = any). */
  listSubscriptions(filter: { customer?: string; status?: string }): StandInSubscription[] {
    return [...this.subscriptionOrder]
      .reverse()
      .map((id) => this.subscriptions.get(id)!)
      .filter((subscription) => !filter.customer || subscription.customer === filter.customer)
      .filter((subscription) => statusMatches(subscription.status, filter.status));
  }

  /** Invoices newest first, optionally of one customer and one status. */
  listInvoices(filter: { customer?: string; status?: string; subscription?: string }): StandInInvoice[] {
    return [...this.invoices.values()]
      .reverse()
      .filter((invoice) => !filter.customer || invoice.customer === filter.customer)
      .filter((invoice) => !filter.status || invoice.status === filter.status)
      .filter(
        (invoice) =>
          !filter.subscription || invoice.parent.subscription_details.subscription === filter.subscription,
      );
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
      created: this.now(),
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
      created: this.now(),
      livemode: false,
    };
    this.portalSessions.set(id, session);
    return session;
  }

  /**
   * The user paid on the Checkout page: the session completes and its subscription starts, with
   * its first invoice paid (for 0 when `trialDays` starts a trial).
   */
  completeCheckout(sessionId: string, status: StripeSubscriptionStatus = 'active', trialDays?: number) {
    const session = this.checkoutSessions.get(sessionId);
    if (!session?.customer || !session.price || session.status !== 'open')
      throw new Error(`stand-in: no payable checkout session ${sessionId}`);
    const { subscription, invoice } = this.subscribe({
      customer: session.customer,
      price: session.price,
      ...(trialDays ? { trialDays } : { status }),
      metadata: session.subscription_metadata,
    });
    Object.assign(session, { status: 'complete', payment_status: 'paid', subscription: subscription.id });
    return { session, subscription, invoice };
  }

  /** Nobody paid within the session's life: Stripe expires it (checkout.session.expired). */
  expireCheckout(sessionId: string): StandInCheckoutSession {
    const session = this.checkoutSessions.get(sessionId);
    if (session?.status !== 'open') throw new Error(`stand-in: no open checkout session ${sessionId}`);
    session.status = 'expired';
    return session;
  }

  private subscription(id: string): StandInSubscription {
    const subscription = this.subscriptions.get(id);
    if (!subscription) throw new Error(`stand-in: no subscription ${id}`);
    return subscription;
  }

  /** A finalised, open invoice for the subscription's current period (`amount` overrides the price). */
  private invoiceFor(
    subscription: StandInSubscription,
    reason: StandInInvoice['billing_reason'],
    amount: number | null,
  ): StandInInvoice {
    const item = subscription.items.data[0]!;
    const due = amount ?? item.price.unit_amount * item.quantity;
    const id = stripeId('in');
    const now = this.now();
    const period = { start: item.current_period_start, end: item.current_period_end };
    const invoice: StandInInvoice = {
      id,
      object: 'invoice',
      customer: subscription.customer,
      currency: item.price.currency,
      amount_due: due,
      amount_paid: 0,
      amount_remaining: due,
      subtotal: due,
      total: due,
      attempt_count: 0,
      attempted: false,
      billing_reason: reason,
      collection_method: 'charge_automatically',
      created: now,
      period_start: period.start,
      period_end: period.end,
      status: 'open',
      status_transitions: {
        finalized_at: now,
        paid_at: null,
        marked_uncollectible_at: null,
        voided_at: null,
      },
      parent: {
        type: 'subscription_details',
        quote_details: null,
        subscription_details: { subscription: subscription.id, metadata: { ...subscription.metadata } },
      },
      lines: {
        object: 'list',
        data: [
          {
            id: stripeId('il'),
            object: 'line_item',
            amount: due,
            currency: item.price.currency,
            invoice: id,
            quantity: item.quantity,
            period,
            pricing: {
              type: 'price_details',
              price_details: { price: item.price.id, product: item.price.product },
              unit_amount_decimal: String(item.price.unit_amount),
            },
            parent: {
              type: 'subscription_item_details',
              subscription_item_details: {
                subscription: subscription.id,
                subscription_item: item.id,
                proration: false,
              },
            },
            subscription: subscription.id,
            livemode: false,
            metadata: {},
          },
        ],
        has_more: false,
        url: `/v1/invoices/${id}/lines`,
      },
      payments: {
        object: 'list',
        data: [
          {
            id: stripeId('inpay'),
            object: 'invoice_payment',
            amount_paid: null,
            amount_requested: due,
            currency: item.price.currency,
            invoice: id,
            is_default: true,
            payment: { type: 'payment_intent', payment_intent: stripeId('pi') },
            status: 'open',
            created: now,
            livemode: false,
          },
        ],
        has_more: false,
        url: `/v1/invoice_payments?invoice=${id}`,
      },
      metadata: {},
      livemode: false,
    };
    this.invoices.set(id, invoice);
    return invoice;
  }

  /** A payment attempt: paid (now), or failed (the invoice stays open). */
  private settle(invoice: StandInInvoice, paid: boolean): StandInInvoice {
    invoice.attempt_count += invoice.amount_due > 0 ? 1 : 0;
    invoice.attempted = invoice.amount_due > 0;
    if (!paid) return invoice;
    const payment = invoice.payments.data[0]!;
    Object.assign(invoice, { status: 'paid', amount_paid: invoice.amount_due, amount_remaining: 0 });
    invoice.status_transitions.paid_at = this.now();
    Object.assign(payment, { status: 'paid', amount_paid: invoice.amount_due });
    return invoice;
  }

  private item(subscription: string, price: StandInPrice, periodEnd: number): StandInSubscriptionItem {
    return {
      id: stripeId('si'),
      object: 'subscription_item',
      created: this.now(),
      price,
      quantity: 1,
      current_period_start: periodEnd - periodSeconds[price.recurring.interval],
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
