import type { Clock, RedisClient } from '@hark/core';
import type { FastifyBaseLogger } from 'fastify';
import Stripe from 'stripe';
import { entitlementsScripts } from '../entitlements-scripts.js';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';
import type { PlanStore } from '../plans/plan-store.js';
import type { CustomerDirectory } from './customer-directory.js';
import { type CustomerMrr, creditNoteOf, type MoneyBack, paidInvoiceOf, refundOf } from './stripe-money.js';

export interface MoneyRecorderOptions {
  stripe: Stripe;
  redis: RedisClient;
  keys: EntitlementsServiceKeys;
  plans: PlanStore;
  customers: CustomerDirectory;
  clock: Clock;
  log: Pick<FastifyBaseLogger, 'warn'>;
}

const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Stripe answered 404: the object named by an event does not exist (any more); nothing to record. */
const isMissing = (error: unknown) => error instanceof Stripe.errors.StripeError && error.statusCode === 404;

/**
 * Records what Stripe collected (paid invoices, refunds, credit notes), each Stripe object once,
 * the MRR movements a subscription sync sees, and the checkout funnel, into the `{insights}`
 * rollups the insights report reads. Objects are re-fetched from Stripe, never taken from an
 * event's payload (the queue holds ids only).
 */
export class MoneyRecorder {
  private readonly scripts;

  constructor(private readonly options: MoneyRecorderOptions) {
    this.scripts = entitlementsScripts(options.redis);
  }

  /** After an event about an invoice, refund, credit note or checkout session. */
  async recordObject(type: string, objectId: string): Promise<void> {
    const { stripe } = this.options;
    try {
      if (type.startsWith('invoice.')) {
        await this.recordInvoice(await stripe.invoices.retrieve(objectId, { expand: ['payments'] }));
      } else if (type.startsWith('refund.') || type === 'charge.refunded') {
        const refund = await stripe.refunds.retrieve(objectId);
        await this.recordMoneyBack(refundOf(refund));
      } else if (type.startsWith('credit_note.')) {
        await this.recordMoneyBack(creditNoteOf(await stripe.creditNotes.retrieve(objectId)));
      } else if (type.startsWith('checkout.session.')) {
        await this.recordCheckout(await stripe.checkout.sessions.retrieve(objectId));
      }
    } catch (error) {
      if (!isMissing(error)) throw error;
      this.options.log.warn({ objectId, type }, 'a Stripe event names an object Stripe does not have');
    }
  }

  async recordInvoice(invoice: Stripe.Invoice): Promise<void> {
    const paid = paidInvoiceOf(invoice, await this.options.plans.all());
    if (!paid) return;
    const known = paid.customerId ? await this.options.customers.userOf(paid.customerId) : null;
    await this.money(paid.id, 'paid', paid.planId, paid.currency, paid.amountMinor, paid.paidAtMs, {
      paymentIntent: paid.paymentIntent ?? '',
      userId: known ?? paid.userIdHint ?? '',
    });
  }

  /** A refund or credit note: its plan is the refunded invoice's, found through the ledger or Stripe. */
  async recordMoneyBack(back: MoneyBack | null): Promise<void> {
    if (!back) return;
    let planId = 'unknown';
    if (back.paymentIntent) {
      const paidWith = await this.options.redis.hget(
        this.options.keys.insightsLedger(),
        `pi:${back.paymentIntent}`,
      );
      planId = paidWith?.split('|')[0] ?? 'unknown';
    } else if (back.invoiceId) {
      const invoice = await this.options.stripe.invoices.retrieve(back.invoiceId);
      planId = paidInvoiceOf(invoice, await this.options.plans.all())?.planId ?? 'unknown';
    }
    await this.money(back.id, 'refund', planId, back.currency, back.amountMinor, back.atMs, {
      paymentIntent: '',
      userId: '',
    });
  }

  /** The user's MRR and trial state as a subscription sync sees it; `atMs` dates any movement. */
  async recordMrr(userId: string, mrr: CustomerMrr, atMs: number): Promise<void> {
    const { keys } = this.options;
    const month = monthOf(atMs);
    await this.scripts.recordMrr(
      keys.insightsMrrCustomers(),
      keys.insightsMrrMonth(month),
      keys.insightsMrrState(),
      userId,
      mrr.mrrMinor,
      mrr.currency,
      mrr.trialing ? 1 : 0,
      month,
    );
  }

  /** A Checkout session as Stripe has it now: created (by startCheckout), completed or expired. */
  async recordCheckout(
    session: Pick<Stripe.Checkout.Session, 'id' | 'created' | 'status' | 'client_reference_id' | 'metadata'>,
  ): Promise<void> {
    const { keys, clock } = this.options;
    const createdMs = session.created * 1000;
    const state: 'open' | 'complete' | 'expired' =
      session.status === 'complete' ? 'complete' : session.status === 'expired' ? 'expired' : 'open';
    await this.scripts.recordCheckout(
      keys.insightsCheckouts(),
      keys.insightsCheckoutDays(),
      session.id,
      state,
      dayOf(createdMs),
      session.client_reference_id ?? session.metadata?.userId ?? '',
      createdMs,
      clock.now().getTime(),
    );
  }

  /** startCheckout created a session. Never throws: a lost data point must not fail a checkout. */
  async checkoutStarted(
    session: Pick<Stripe.Checkout.Session, 'id' | 'created' | 'status' | 'client_reference_id' | 'metadata'>,
  ): Promise<void> {
    try {
      await this.recordCheckout(session);
    } catch (error) {
      this.options.log.warn(
        { err: error, sessionId: session.id },
        'could not record a checkout for insights',
      );
    }
  }

  /** Every paid invoice, refund and credit note Stripe lists, recorded again (a no-op for known ones). */
  async resync(): Promise<{ invoices: number; refunds: number; creditNotes: number }> {
    const { stripe } = this.options;
    const counts = { invoices: 0, refunds: 0, creditNotes: 0 };
    const invoices = stripe.invoices.list({ status: 'paid', limit: 100, expand: ['data.payments'] });
    for await (const invoice of invoices) {
      counts.invoices += 1;
      await this.recordInvoice(invoice);
    }
    for await (const refund of stripe.refunds.list({ limit: 100 })) {
      counts.refunds += 1;
      await this.recordMoneyBack(refundOf(refund));
    }
    for await (const note of stripe.creditNotes.list({ limit: 100 })) {
      counts.creditNotes += 1;
      await this.recordMoneyBack(creditNoteOf(note));
    }
    return counts;
  }

  private async money(
    objectId: string,
    kind: 'paid' | 'refund',
    planId: string,
    currency: string,
    amountMinor: number,
    atMs: number,
    extra: { paymentIntent: string; userId: string },
  ): Promise<void> {
    const { keys } = this.options;
    const month = monthOf(atMs);
    await this.scripts.recordMoney(
      keys.insightsLedger(),
      keys.insightsRevenue(month),
      keys.insightsMrrCustomers(),
      keys.insightsMrrMonth(month),
      keys.insightsMrrState(),
      keys.insightsCheckouts(),
      objectId,
      kind,
      planId,
      currency,
      amountMinor,
      extra.paymentIntent,
      extra.userId,
      atMs,
      month,
    );
  }
}
