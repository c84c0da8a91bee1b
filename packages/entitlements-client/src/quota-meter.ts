import type { Clock, RedisClient } from '@hark/core';
import type { EntitlementKeys } from './entitlement-keys.js';
import { quotaWindow, usageTtlSeconds } from './quota-periods.js';
import { type QuotaScripts, quotaScripts } from './quota-scripts.js';

export interface QuotaState {
  quota: string;
  /** The period counted ("2026-11-26", "2026-11"); pass it to refund to give back to the same one. */
  period: string;
  used: number;
  /** The plan's limit; a quota the plan does not define allows nothing. */
  limit: number;
  remaining: number;
  /** When the period ends and usage starts again from zero, ISO. */
  resetsAt: string;
}

export interface ConsumeResult extends QuotaState {
  /** True when the units were taken; false when they would have gone over the limit (nothing taken). */
  allowed: boolean;
}

export interface QuotaMeterOptions {
  redis: RedisClient;
  keys: EntitlementKeys;
  clock: Clock;
  /** The user's limit for a quota from the plan in force, or null when the plan has none. */
  limitOf(userId: string, quota: string): Promise<number | null>;
}

function assertAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount < 1) {
    throw new RangeError(`quota amount must be a positive integer, got ${amount}`);
  }
}

/**
 * Per-period usage counters in Redis. Consuming is one Lua step (consume-quota.lua), so the
 * limit holds across every instance and concurrent request; the limit itself comes from the
 * user's plan, read through the entitlement cache.
 */
export class QuotaMeter {
  private readonly scripts: QuotaScripts;

  constructor(private readonly options: QuotaMeterOptions) {
    this.scripts = quotaScripts(options.redis);
  }

  /** Usage of the current period, without taking anything. */
  async usage(userId: string, quota: string): Promise<QuotaState> {
    const now = this.options.clock.now();
    const window = quotaWindow(quota, now);
    const [limit, used] = await Promise.all([
      this.limit(userId, quota),
      this.options.redis.get(this.options.keys.usage(userId, quota, window.period)),
    ]);
    return this.state(quota, window, Number(used ?? 0), limit);
  }

  /** Takes `amount` units if the whole amount fits under the limit of the current period. */
  async consume(userId: string, quota: string, amount = 1): Promise<ConsumeResult> {
    assertAmount(amount);
    const now = this.options.clock.now();
    const window = quotaWindow(quota, now);
    const limit = await this.limit(userId, quota);
    const key = this.options.keys.usage(userId, quota, window.period);
    const [allowed, used] = await this.scripts.consumeQuota(key, amount, limit, usageTtlSeconds(window, now));
    return { allowed: allowed === 1, ...this.state(quota, window, used, limit) };
  }

  /**
   * Gives back units whose work did not happen. `period` (from the consume result) keeps a
   * refund that crosses midnight on the day it was taken from; the default is the current one.
   */
  async refund(
    userId: string,
    quota: string,
    amount = 1,
    period?: string,
  ): Promise<{ used: number; period: string }> {
    assertAmount(amount);
    const counted = period ?? quotaWindow(quota, this.options.clock.now()).period;
    const used = await this.scripts.refundQuota(this.options.keys.usage(userId, quota, counted), amount);
    return { used, period: counted };
  }

  private async limit(userId: string, quota: string): Promise<number> {
    return (await this.options.limitOf(userId, quota)) ?? 0;
  }

  private state(
    quota: string,
    window: ReturnType<typeof quotaWindow>,
    used: number,
    limit: number,
  ): QuotaState {
    return {
      quota,
      period: window.period,
      used,
      limit,
      remaining: Math.max(0, limit - used),
      resetsAt: window.resetsAt.toISOString(),
    };
  }
}
