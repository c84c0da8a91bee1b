import type { RedisClient } from '@hark/core';
import { Counter, type Registry } from 'prom-client';
import type { MoneyRecorder } from '../billing/money-recorder.js';
import type { SubscriptionSync } from '../billing/subscription-sync.js';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';
import { moneyEventTypes, type StripeEventJob } from './stripe-event-job.js';

/** Longer than Stripe's 3-day retry window, so a late redelivery is still recognised. */
export const APPLIED_EVENT_TTL_SECONDS = 7 * 24 * 3600;

export type StripeEventOutcome =
  | 'enqueued'
  | 'duplicate'
  | 'ignored'
  | 'applied'
  | 'unmatched'
  | 'retrying'
  | 'failed';

export type StripeEventCounter = Counter<'type' | 'outcome'>;

export function createStripeEventCounter(registry: Registry): StripeEventCounter {
  return new Counter({
    name: 'hark_stripe_events_total',
    help: 'Stripe webhook events by type and what became of them',
    labelNames: ['type', 'outcome'] as const,
    registers: [registry],
  });
}

export interface StripeEventProcessorOptions {
  redis: RedisClient;
  keys: EntitlementsServiceKeys;
  sync: SubscriptionSync;
  /** Records paid invoices, refunds, credit notes and checkout steps for insights. */
  money?: MoneyRecorder;
  counter: StripeEventCounter;
}

/**
 * Applies queued events: each event id once. The applied mark is written after the sync, so a
 * crash in between only repeats a sync, which re-fetches and is therefore harmless.
 */
export class StripeEventProcessor {
  constructor(private readonly options: StripeEventProcessorOptions) {}

  async wasApplied(eventId: string): Promise<boolean> {
    return (await this.options.redis.exists(this.options.keys.stripeEvent(eventId))) === 1;
  }

  async process(job: StripeEventJob): Promise<void> {
    if (await this.wasApplied(job.eventId)) {
      this.count(job, 'duplicate');
      return;
    }
    // The sync first: an invoice then finds its customer's user, and a trial's state, recorded.
    const outcome = job.customerId
      ? await this.options.sync.syncCustomer(job.customerId, {
          userId: job.userIdHint,
          eventCreated: job.created,
        })
      : null;
    if (moneyEventTypes.has(job.type)) await this.options.money?.recordObject(job.type, job.objectId);
    await this.options.redis.set(
      this.options.keys.stripeEvent(job.eventId),
      job.type,
      'EX',
      APPLIED_EVENT_TTL_SECONDS,
    );
    this.count(job, outcome?.userId === null ? 'unmatched' : 'applied');
  }

  count(job: Pick<StripeEventJob, 'type'>, outcome: StripeEventOutcome): void {
    this.options.counter.inc({ type: job.type, outcome });
  }
}
