import type { EffectiveEntitlements, EntitlementChange, Plan } from '@hark/contracts';
import { type Clock, type RedisClient, systemClock } from '@hark/core';
import { followEntitlementChanges } from './change-feed.js';
import type { EntitlementKeys } from './entitlement-keys.js';
import { EntitlementReader } from './entitlement-reader.js';
import { type EntitlementSource, type ReportProblem, redisEntitlementSource } from './entitlement-source.js';
import { type ConsumeResult, QuotaMeter, type QuotaState } from './quota-meter.js';

export const DEFAULT_CACHE_TTL_MS = 30_000;
export const DEFAULT_MAX_CACHED_USERS = 50_000;

export interface EntitlementsClientOptions {
  redis: RedisClient;
  /** A pub/sub connection (it may be shared: only the entitlement channel is handled here). */
  subscriber: RedisClient;
  keys: EntitlementKeys;
  clock?: Clock;
  cacheTtlMs?: number;
  maxCachedUsers?: number;
  /** Unreadable Redis values, a change subscription restored after a drop; the client answers either way. */
  onProblem?: ReportProblem;
  /** Replaces the Redis reads (unit tests); consume and refund still use `redis`. */
  source?: EntitlementSource;
}

export interface EntitlementsClient {
  /** Subscribes to change messages; the cache is used only from then on. */
  start(): Promise<void>;
  stop(): Promise<void>;
  check(userId: string, feature: string): Promise<boolean>;
  /**
   * The plan's limit: 0 for a known limit the plan omits (fail closed), null for a name the plan
   * does not know or when the plan in force is not in Redis.
   */
  limit(userId: string, name: string): Promise<number | null>;
  entitlements(userId: string): Promise<EffectiveEntitlements>;
  /** Every plan, e.g. to find one to offer in an upsell. */
  plans(): Promise<Plan[]>;
  usage(userId: string, quota: string): Promise<QuotaState>;
  consume(userId: string, quota: string, amount?: number): Promise<ConsumeResult>;
  refund(
    userId: string,
    quota: string,
    amount?: number,
    period?: string,
  ): Promise<{ used: number; period: string }>;
  /** Applies a change at once (the writer's own instance need not wait for its message). */
  invalidate(change: EntitlementChange): void;
}

/** The read side of entitlements: cached checks and limits, atomic quota counters. */
export function createEntitlementsClient(options: EntitlementsClientOptions): EntitlementsClient {
  const clock = options.clock ?? systemClock;
  const report: ReportProblem = options.onProblem ?? (() => undefined);
  const reader = new EntitlementReader({
    source: options.source ?? redisEntitlementSource(options.redis, options.keys, report),
    clock,
    cacheTtlMs: options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS,
    maxCachedUsers: options.maxCachedUsers ?? DEFAULT_MAX_CACHED_USERS,
  });
  // Null, rather than the computed 0, when no plan data exists at all (the entitlement service has
  // not seeded plans yet): callers with a configured default (item limits) then keep using it.
  const limit = async (userId: string, name: string) => {
    const [effective, plans] = await Promise.all([reader.entitlements(userId), reader.plans()]);
    return plans.has(effective.planId) ? (effective.limits[name] ?? null) : null;
  };
  const meter = new QuotaMeter({ redis: options.redis, keys: options.keys, clock, limitOf: limit });
  let unfollow: (() => Promise<void>) | null = null;

  return {
    async start() {
      if (unfollow) return;
      unfollow = await followEntitlementChanges(options.subscriber, options.keys.entitlementsChannel(), {
        onChange: (change) => (change ? reader.apply(change) : reader.dropAll()),
        // Also fires on a normal shutdown, so it only switches the cache off; the restore reports.
        onLost: () => reader.setCaching(false),
        // Messages published while it was down are lost: the cache starts again from empty (it was
        // dropped when the connection closed). ioredis resubscribes right after this event; a change
        // in that instant is covered by the TTL.
        onRestored: () => {
          report('entitlement change subscription restored after a drop; cache emptied', {});
          reader.setCaching(true);
        },
      });
      reader.setCaching(true);
    },
    async stop() {
      reader.setCaching(false);
      await unfollow?.();
      unfollow = null;
    },
    check: async (userId, feature) => (await reader.entitlements(userId)).features[feature] === true,
    limit,
    entitlements: async (userId) => reader.entitlements(userId),
    plans: async () => [...(await reader.plans()).values()],
    usage: (userId, quota) => meter.usage(userId, quota),
    consume: (userId, quota, amount) => meter.consume(userId, quota, amount),
    refund: (userId, quota, amount, period) => meter.refund(userId, quota, amount, period),
    invalidate: (change) => reader.apply(change),
  };
}
