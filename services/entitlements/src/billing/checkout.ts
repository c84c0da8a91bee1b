import { HarkError } from '@hark/core';
import type { User } from '@hark/users';
import type Stripe from 'stripe';
import type { PlanStore } from '../plans/plan-store.js';
import type { ProjectionStore } from '../projection/projection-store.js';
import type { CustomerDirectory } from './customer-directory.js';
import type { MoneyRecorder } from './money-recorder.js';

export interface CheckoutOptions {
  stripe: Stripe | null;
  plans: PlanStore;
  projections: ProjectionStore;
  customers: CustomerDirectory;
  publicBaseUrl: string;
  /** Counts checkout starts for the insights funnel. */
  money?: MoneyRecorder | null;
}

// A subscription in one of these is still alive in Stripe: a second checkout would bill twice.
const liveStatuses = new Set(['active', 'trialing', 'past_due', 'unpaid', 'paused']);

/**
 * Checkout and Customer Portal sessions. One Stripe customer per user, created on the first
 * checkout and reused. Creates carry idempotency keys: the customer's is derived from the user
 * (two racing first checkouts create one customer), the session's from the request id (a client
 * that retries with the same x-request-id gets the same session back).
 */
export class Checkout {
  constructor(private readonly options: CheckoutOptions) {}

  async startCheckout(
    user: User,
    planId: string,
    requestId: string,
  ): Promise<{ url: string; sessionId: string }> {
    const stripe = this.stripe();
    const plan = await this.options.plans.get(planId);
    if (!plan) throw new HarkError('NOT_FOUND', { what: `Plan ${planId}` });
    if (!plan.enabled) throw new HarkError('PLAN_UNAVAILABLE', { plan: planId });
    const priceId = plan.price?.stripePriceId;
    if (!priceId) throw new HarkError('PLAN_NOT_FOR_SALE', { plan: planId });
    const subscription = (await this.options.projections.read(user.id))?.subscription;
    if (subscription && liveStatuses.has(subscription.status)) {
      throw new HarkError('ALREADY_SUBSCRIBED', { status: subscription.status });
    }
    const customer = await this.customerFor(user);
    const metadata = { userId: user.id, planId };
    const session = await stripe.checkout.sessions.create(
      {
        mode: 'subscription',
        customer,
        client_reference_id: user.id,
        line_items: [{ price: priceId, quantity: 1 }],
        metadata,
        subscription_data: { metadata },
        success_url: `${this.baseUrl()}/?billing=success&session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${this.baseUrl()}/?billing=cancelled`,
      },
      { idempotencyKey: `hark-checkout-${user.id}-${requestId}` },
    );
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
    await this.options.money?.checkoutStarted(session);
    return { url: session.url, sessionId: session.id };
  }

  async openPortal(userId: string): Promise<{ url: string }> {
    const stripe = this.stripe();
    const customer = await this.options.customers.customerOf(userId);
    if (!customer) throw new HarkError('NO_BILLING_ACCOUNT');
    const session = await stripe.billingPortal.sessions.create({
      customer,
      return_url: `${this.baseUrl()}/`,
    });
    return { url: session.url };
  }

  private async customerFor(user: User): Promise<string> {
    const existing = await this.options.customers.customerOf(user.id);
    if (existing) return existing;
    const customer = await this.stripe().customers.create(
      { name: user.name || undefined, metadata: { userId: user.id } },
      { idempotencyKey: `hark-customer-${user.id}` },
    );
    return this.options.customers.link(user.id, customer.id);
  }

  private stripe(): Stripe {
    if (!this.options.stripe) throw new HarkError('BILLING_UNAVAILABLE');
    return this.options.stripe;
  }

  private baseUrl(): string {
    return this.options.publicBaseUrl.replace(/\/+$/, '');
  }
}
