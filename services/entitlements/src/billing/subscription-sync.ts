import type { ResyncResponse, SubscriptionStatus } from '@hark/contracts';
import type { Clock, RedisClient } from '@hark/core';
import { userIdPattern } from '@hark/users';
import type { FastifyBaseLogger } from 'fastify';
import type Stripe from 'stripe';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';
import type { PlanStore } from '../plans/plan-store.js';
import { emptyProjection, type ProjectionStore } from '../projection/projection-store.js';
import type { CustomerDirectory } from './customer-directory.js';
import type { MoneyRecorder } from './money-recorder.js';
import { withRedisLock } from './redis-lock.js';
import { customerMrrOf } from './stripe-money.js';
import {
  chooseSubscription,
  customerIdOf,
  knownStatus,
  type ProjectionSubscription,
  toProjectionSubscription,
} from './subscription-state.js';

export interface SubscriptionSyncOptions {
  stripe: Stripe;
  redis: RedisClient;
  keys: EntitlementsServiceKeys;
  plans: PlanStore;
  projections: ProjectionStore;
  customers: CustomerDirectory;
  clock: Clock;
  graceDays: number;
  log: FastifyBaseLogger;
  /** Records MRR movements and, on a resync, the invoices, refunds and credit notes (insights). */
  money?: MoneyRecorder;
  /** TTL of the per-customer lock (renewed while a sync runs): how soon a crashed worker's lock frees. */
  lockTtlMs?: number;
}

export interface SyncHint {
  /** From the event: checkout's client_reference_id, or the userId in metadata. */
  userId?: string | null;
  eventCreated?: number;
}

export type SyncOutcome =
  | { userId: string; status: SubscriptionStatus | null; changed: boolean }
  | { userId: null; status: null; changed: false };

// A sync takes milliseconds; the TTL only matters when a worker dies holding the lock.
const CUSTOMER_LOCK_WAIT_MS = 15_000;
const DEFAULT_CUSTOMER_LOCK_TTL_MS = 30_000;
const RESYNC_CONCURRENCY = 8;

/** Equal apart from the event time, which alone is no reason to write and wake every reader. */
function sameSubscription(a: ProjectionSubscription | null, b: ProjectionSubscription | null): boolean {
  if (!a || !b) return a === b;
  return JSON.stringify({ ...a, eventCreated: 0 }) === JSON.stringify({ ...b, eventCreated: 0 });
}

async function forEachConcurrently<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Brings a user's projection in line with Stripe. Events are only a hint that a customer
 * changed: the state is re-fetched (every subscription of the customer) under a per-customer
 * lock, so duplicates, any delivery order and concurrent deliveries all end in Stripe's latest
 * state, and a resync is the same operation for every customer.
 */
export class SubscriptionSync {
  constructor(private readonly options: SubscriptionSyncOptions) {}

  async syncCustomer(customerId: string, hint: SyncHint = {}): Promise<SyncOutcome> {
    const { redis, keys } = this.options;
    const lock = {
      ttlMs: this.options.lockTtlMs ?? DEFAULT_CUSTOMER_LOCK_TTL_MS,
      waitMs: CUSTOMER_LOCK_WAIT_MS,
    };
    return withRedisLock(redis, keys.stripeCustomerLock(customerId), lock, async () => {
      const subscriptions = await this.options.stripe.subscriptions
        .list({ customer: customerId, status: 'all', limit: 100 })
        .autoPagingToArray({ limit: 10_000 });
      return this.apply(customerId, subscriptions, hint);
    });
  }

  /** Every customer Stripe has subscriptions for, plus every customer Hark knows, synced again. */
  async resyncAll(): Promise<ResyncResponse> {
    const started = performance.now();
    const customers = new Set((await this.options.customers.all()).keys());
    let subscriptions = 0;
    await this.options.stripe.subscriptions
      .list({ status: 'all', limit: 100 })
      .autoPagingEach((subscription) => {
        subscriptions += 1;
        customers.add(customerIdOf(subscription));
      });
    const unmatchedCustomers: string[] = [];
    let usersUpdated = 0;
    await forEachConcurrently([...customers], RESYNC_CONCURRENCY, async (customerId) => {
      const outcome = await this.syncCustomer(customerId);
      if (outcome.userId === null) unmatchedCustomers.push(customerId);
      else if (outcome.changed) usersUpdated += 1;
    });
    // After the customers: a refund finds its invoice's plan, and a trial's first paid invoice its trial.
    await this.options.money?.resync();
    return {
      subscriptions,
      customers: customers.size,
      usersUpdated,
      unmatchedCustomers: unmatchedCustomers.sort(),
      durationMs: Math.round(performance.now() - started),
    };
  }

  private async apply(
    customerId: string,
    subscriptions: Stripe.Subscription[],
    hint: SyncHint,
  ): Promise<SyncOutcome> {
    const userId = await this.resolveUser(customerId, subscriptions, hint.userId ?? null);
    if (!userId) {
      this.options.log.warn({ customerId }, 'Stripe customer matches no Hark user; nothing to update');
      return { userId: null, status: null, changed: false };
    }
    const plans = await this.options.plans.all();
    const chosen = chooseSubscription(subscriptions);
    const now = this.options.clock.now();
    const { changed } = await this.options.projections.update(userId, (current) => {
      const base = current ?? emptyProjection(userId, now);
      const context = {
        plans,
        previous: base.subscription,
        eventCreated: hint.eventCreated ?? 0,
        now,
        graceDays: this.options.graceDays,
      };
      const subscription = chosen ? toProjectionSubscription(chosen, context) : null;
      return current && sameSubscription(current.subscription, subscription)
        ? null
        : { ...base, subscription };
    });
    // The MRR movement is dated by the event that told of it (a resync has none: now).
    const movedAtMs = hint.eventCreated ? hint.eventCreated * 1000 : now.getTime();
    await this.options.money?.recordMrr(userId, customerMrrOf(subscriptions), movedAtMs);
    return { userId, status: chosen ? knownStatus(chosen.status) : null, changed };
  }

  /**
   * The Hark user of a customer: the directory, else (Redis lost, or first contact) the userId
   * the event, the subscriptions' metadata or the customer's metadata names; then remembered.
   */
  private async resolveUser(
    customerId: string,
    subscriptions: Stripe.Subscription[],
    hint: string | null,
  ): Promise<string | null> {
    const known = await this.options.customers.userOf(customerId);
    if (known) return known;
    const candidates = [hint, ...subscriptions.map((subscription) => subscription.metadata?.userId)];
    let userId = candidates.find((candidate) => candidate && userIdPattern.test(candidate)) ?? null;
    userId ??= await this.userFromCustomerMetadata(customerId);
    if (userId) await this.options.customers.link(userId, customerId);
    return userId;
  }

  private async userFromCustomerMetadata(customerId: string): Promise<string | null> {
    const customer = await this.options.stripe.customers.retrieve(customerId);
    if (customer.deleted) return null;
    const userId = customer.metadata?.userId;
    return userId && userIdPattern.test(userId) ? userId : null;
  }
}
