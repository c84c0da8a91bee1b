import type {
  SignedDelivery,
  StandInSubscription,
  StripeStandIn,
  StripeSubscriptionStatus,
} from '@hark/testing';

/**
 * A webhook storm: many customers whose subscriptions change again and again in the stand-in,
 * each change captured as the snapshot event Stripe would send. Delivered in any order, only a
 * service that re-fetches Stripe's state ends where Stripe is.
 */

/** Small seeded PRNG (mulberry32), so a failing storm can be replayed exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

const statuses: StripeSubscriptionStatus[] = [
  'active',
  'trialing',
  'past_due',
  'incomplete',
  'incomplete_expired',
  'unpaid',
  'canceled',
  'paused',
];

const typeForStatus: Partial<Record<StripeSubscriptionStatus, string>> = {
  canceled: 'customer.subscription.deleted',
  paused: 'customer.subscription.paused',
};

export interface StormCustomer {
  userId: string;
  customerId: string;
  /** The customer's subscriptions, oldest first; only the newest may be live. */
  subscriptions: StandInSubscription[];
}

export interface StormOptions {
  stripe: StripeStandIn;
  customers: StormCustomer[];
  events: number;
  prices: string[];
  random: () => number;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/** One change to a customer in the stand-in, and the event Stripe would send about it. */
function change(options: StormOptions, customer: StormCustomer): { type: string; object: unknown } {
  const { stripe, random, prices } = options;
  const current = customer.subscriptions.at(-1)!;
  const roll = random();
  if (roll < 0.1) {
    // Cancel and subscribe again: a second subscription, so the newest must win over the old one.
    stripe.state.updateSubscription(current.id, { status: 'canceled' });
    const renewed = stripe.state.createSubscription({
      customer: customer.customerId,
      price: pick(prices, random),
      metadata: { userId: customer.userId },
    });
    customer.subscriptions.push(renewed);
    return { type: 'customer.subscription.created', object: renewed };
  }
  if (roll < 0.3) {
    stripe.state.updateSubscription(current.id, {
      price: pick(prices, random),
      currentPeriodEnd: current.items.data[0]!.current_period_end + 86_400,
    });
    return { type: 'customer.subscription.updated', object: current };
  }
  if (roll < 0.45) {
    const paid = random() < 0.5;
    stripe.state.updateSubscription(current.id, { status: paid ? 'active' : 'past_due' });
    const invoice = {
      id: `in_storm_${Math.floor(random() * 1e9)}`,
      object: 'invoice',
      customer: customer.customerId,
      parent: null,
    };
    return { type: paid ? 'invoice.paid' : 'invoice.payment_failed', object: invoice };
  }
  const status = pick(statuses, random);
  stripe.state.updateSubscription(current.id, { status });
  return { type: typeForStatus[status] ?? 'customer.subscription.updated', object: current };
}

/** `options.events` signed deliveries, each captured right after its change. */
export function stormDeliveries(options: StormOptions): SignedDelivery[] {
  const deliveries: SignedDelivery[] = [];
  for (let index = 0; index < options.events; index++) {
    const customer = options.customers[index % options.customers.length]!;
    const { type, object } = change(options, customer);
    deliveries.push(options.stripe.event(type, object).delivery);
  }
  return deliveries;
}

/** Sends every delivery over HTTP with `concurrency` requests in flight; returns each latency in ms. */
export async function deliverConcurrently(
  url: string,
  deliveries: SignedDelivery[],
  concurrency: number,
): Promise<{ statuses: number[]; latenciesMs: number[] }> {
  const statuses: number[] = [];
  const latenciesMs: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++]!;
      const started = performance.now();
      const response = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
      await response.arrayBuffer();
      latenciesMs.push(performance.now() - started);
      statuses.push(response.status);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { statuses, latenciesMs };
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}
