import type { Plan } from '@hark/contracts';
import type Stripe from 'stripe';
import { planForPrice } from '../plans/plan-store.js';

/**
 * Pure rules turning Stripe objects into money figures: a subscription's MRR (ChartMogul's and
 * Baremetrics' definition), and what a paid invoice, a refund or a credit note adds to revenue.
 */

/** Statuses whose subscription carries MRR: past_due and unpaid keep it until cancelled. */
const mrrStatuses = new Set(['active', 'past_due', 'unpaid']);

interface PriceLike {
  id: string;
  currency: string;
  unit_amount: number | null;
  recurring: { interval: string; interval_count: number } | null;
}

/** A price x quantity per month, in minor units: a yearly price counts /12, a weekly one x52/12. */
export function monthlyMinorOf(price: PriceLike, quantity: number): number {
  if (!price.recurring || price.unit_amount === null) return 0;
  const perInterval = (price.unit_amount * quantity) / Math.max(price.recurring.interval_count, 1);
  const perMonth: Record<string, number> = { day: 365 / 12, week: 52 / 12, month: 1, year: 1 / 12 };
  return Math.round(perInterval * (perMonth[price.recurring.interval] ?? 0));
}

export interface CustomerMrr {
  mrrMinor: number;
  currency: string;
  trialing: boolean;
}

interface SubscriptionLike {
  status: string;
  items: { data: { price: PriceLike; quantity?: number | null }[] };
}

/**
 * A customer's MRR: the sum over their subscriptions that carry MRR (active, past_due, unpaid);
 * a trialing one adds nothing but marks a trial; cancelled, incomplete and paused add nothing.
 */
export function customerMrrOf(subscriptions: readonly SubscriptionLike[]): CustomerMrr {
  let mrrMinor = 0;
  let currency = '';
  let trialing = false;
  for (const subscription of subscriptions) {
    if (subscription.status === 'trialing') trialing = true;
    if (!mrrStatuses.has(subscription.status)) continue;
    for (const item of subscription.items.data) {
      mrrMinor += monthlyMinorOf(item.price, item.quantity ?? 1);
      currency ||= item.price.currency.toLowerCase();
    }
  }
  return { mrrMinor, currency, trialing };
}

type Expandable = string | { id: string } | null | undefined;
export const idOf = (value: Expandable): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

export interface PaidInvoice {
  id: string;
  customerId: string | null;
  userIdHint: string | null;
  planId: string;
  currency: string;
  amountMinor: number;
  paidAtMs: number;
  paymentIntent: string | null;
}

/** The Hark plan of an invoice: the plan of its first line's price, else the subscription metadata's. */
function planOfInvoice(invoice: Stripe.Invoice, plans: ReadonlyMap<string, Plan>): string {
  for (const line of invoice.lines.data) {
    const price = idOf(line.pricing?.price_details?.price);
    const plan = price ? planForPrice(plans, price) : null;
    if (plan) return plan.id;
  }
  const fromMetadata = invoice.parent?.subscription_details?.metadata?.planId;
  return fromMetadata && plans.has(fromMetadata) ? fromMetadata : 'unknown';
}

/** A paid invoice as revenue, or null when it is not paid. */
export function paidInvoiceOf(invoice: Stripe.Invoice, plans: ReadonlyMap<string, Plan>): PaidInvoice | null {
  const paidAt = invoice.status_transitions?.paid_at;
  if (invoice.status !== 'paid' || !paidAt) return null;
  const payment = invoice.payments?.data.find((candidate) => candidate.payment.payment_intent);
  return {
    id: invoice.id,
    customerId: idOf(invoice.customer),
    userIdHint: invoice.parent?.subscription_details?.metadata?.userId ?? null,
    planId: planOfInvoice(invoice, plans),
    currency: invoice.currency.toLowerCase(),
    amountMinor: invoice.amount_paid,
    paidAtMs: paidAt * 1000,
    paymentIntent: idOf(payment?.payment.payment_intent),
  };
}

export interface MoneyBack {
  id: string;
  currency: string;
  amountMinor: number;
  atMs: number;
  /** The refunded payment, to find the invoice's plan; null for a credit note. */
  paymentIntent: string | null;
  /** The credited invoice, for a credit note. */
  invoiceId: string | null;
}

/** A refund that went through (succeeded), or null. */
export function refundOf(refund: Stripe.Refund): MoneyBack | null {
  if (refund.status !== 'succeeded') return null;
  return {
    id: refund.id,
    currency: refund.currency.toLowerCase(),
    amountMinor: refund.amount,
    atMs: refund.created * 1000,
    paymentIntent: idOf(refund.payment_intent),
    invoiceId: null,
  };
}

/**
 * What a credit note adds to refunds: only the amount returned outside Stripe. Its refunded part
 * is a Refund, recorded as one; a credit to the customer's balance is no money back (it lowers a
 * later invoice's amount_paid instead).
 */
export function creditNoteOf(note: Stripe.CreditNote): MoneyBack | null {
  if (note.status !== 'issued' || !note.out_of_band_amount) return null;
  return {
    id: note.id,
    currency: note.currency.toLowerCase(),
    amountMinor: note.out_of_band_amount,
    atMs: (note.effective_at ?? note.created) * 1000,
    paymentIntent: null,
    invoiceId: idOf(note.invoice),
  };
}
