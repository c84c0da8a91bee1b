import {
  computeEffectiveEntitlements,
  type EffectiveEntitlements,
  type EntitlementProjection,
  grantInForce,
  LIMITS,
  type MeResponse,
  subscriptionGivesAccess,
  utcDay,
  utcMonth,
} from '@hark/contracts';
import type { Clock, RedisClient } from '@hark/core';
import { type EntitlementKeys, quotaWindow } from '@hark/entitlements-client';
import type { InteractionKeys } from '@hark/interactions';
import type { CustomerDirectory } from '../billing/customer-directory.js';
import type { PlanStore } from '../plans/plan-store.js';
import type { ProjectionStore } from './projection-store.js';

/** The quotas GET /v1/me reports usage of, counted by entitlements-client's consume(). */
const reportedQuotas = [LIMITS.conversationTurnsPerDay, LIMITS.conversationTrialTurnsPerMonth];

export interface EntitlementViewOptions {
  redis: RedisClient;
  keys: EntitlementKeys & InteractionKeys;
  plans: PlanStore;
  projections: ProjectionStore;
  customers: CustomerDirectory;
  clock: Clock;
}

/**
 * Read side inside the service: a user's effective entitlements computed with the same pure
 * function every reader uses, for GET /v1/me and the operator's "why" view.
 */
export class EntitlementView {
  constructor(private readonly options: EntitlementViewOptions) {}

  async effective(
    userId: string,
  ): Promise<{ effective: EffectiveEntitlements; projection: EntitlementProjection | null }> {
    const [projection, plans, switchedOff] = await Promise.all([
      this.options.projections.read(userId),
      this.options.plans.all(),
      this.options.plans.switchedOff(),
    ]);
    const now = this.options.clock.now();
    return {
      effective: computeEffectiveEntitlements(userId, projection, plans, switchedOff, now),
      projection,
    };
  }

  async me(userId: string): Promise<MeResponse> {
    const [{ effective, projection }, usage] = await Promise.all([
      this.effective(userId),
      this.usage(userId),
    ]);
    const subscription = projection?.subscription ?? null;
    return {
      user: { id: userId },
      plan: { id: effective.planId, name: effective.planName },
      features: effective.features,
      limits: effective.limits,
      usage,
      subscription: subscription && {
        status: subscription.status,
        currentPeriodEnd: subscription.currentPeriodEnd,
        planId: subscription.planId,
      },
    };
  }

  /** Everything that decided a user's entitlements, for GET /admin/users/:id/entitlements. */
  async explain(userId: string) {
    const [{ effective, projection }, stripeCustomerId] = await Promise.all([
      this.effective(userId),
      this.options.customers.customerOf(userId),
    ]);
    const now = this.options.clock.now();
    const grant = projection?.grant ?? null;
    const subscription = projection?.subscription ?? null;
    return {
      userId,
      effective,
      grant: grant && { ...grant, inForce: grantInForce(grant, now) },
      subscription: subscription && {
        ...subscription,
        givesAccess: subscriptionGivesAccess(subscription, now),
      },
      stripeCustomerId,
      projection,
    };
  }

  private async usage(userId: string): Promise<Record<string, number>> {
    const now = this.options.clock.now();
    const keys = reportedQuotas.map((quota) =>
      this.options.keys.usage(userId, quota, quotaWindow(quota, now).period),
    );
    const [values, llmDay, llmMonth] = await Promise.all([
      this.options.redis.mget(...keys),
      this.llmUsage(userId, utcDay(now)),
      this.llmUsage(userId, utcMonth(now)),
    ]);
    return {
      ...Object.fromEntries(reportedQuotas.map((quota, index) => [quota, Number(values[index] ?? 0)])),
      ...prefixed('llm.today', llmDay),
      ...prefixed('llm.this_month', llmMonth),
    };
  }

  /** What the conversation service metered (tokens and cost) in one UTC day or month. */
  private async llmUsage(userId: string, period: string): Promise<Record<string, number>> {
    const fields = await this.options.redis.hgetall(this.options.keys.llmUsage(userId, period));
    return {
      turns: Number(fields.turns ?? 0),
      tokens: Number(fields.promptTokens ?? 0) + Number(fields.completionTokens ?? 0),
      cost_usd: Number(fields.costMicroUsd ?? 0) / 1_000_000,
    };
  }
}

const prefixed = (prefix: string, values: Record<string, number>) =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [`${prefix}.${name}`, value]));
