import { type EntitlementChange, type Plan, planSchema } from '@hark/contracts';
import type { RedisClient } from '@hark/core';
import type { EntitlementKeys } from '@hark/entitlements-client';

export type ReportProblem = (problem: string, context: Record<string, unknown>) => void;

function parsePlan(text: string): Plan | null {
  try {
    const parsed = planSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Plans (a hash: plan id -> plan JSON) and kill switches (a hash: feature -> "off"). Every
 * change is published on the entitlements channel so readers drop their caches at once: a plan
 * edit applies to every user on the plan without touching their projections.
 *
 * Plan edits are last-write-wins: they are rare operator actions, and the audit log keeps
 * each one's before and after.
 */
export class PlanStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: EntitlementKeys,
    private readonly report: ReportProblem,
  ) {}

  async all(): Promise<Map<string, Plan>> {
    const plans = new Map<string, Plan>();
    for (const [id, text] of Object.entries(await this.redis.hgetall(this.keys.plans()))) {
      const plan = parsePlan(text);
      if (plan) plans.set(plan.id, plan);
      else this.report('unreadable plan skipped', { planId: id });
    }
    return plans;
  }

  async get(id: string): Promise<Plan | null> {
    const text = await this.redis.hget(this.keys.plans(), id);
    return text === null ? null : parsePlan(text);
  }

  /** Adds a plan; false when one with its id exists. */
  async create(plan: Plan): Promise<boolean> {
    const added = await this.redis.hsetnx(this.keys.plans(), plan.id, JSON.stringify(plan));
    if (added === 1) await this.publish({ kind: 'plan', planId: plan.id });
    return added === 1;
  }

  async replace(plan: Plan): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.plans(), plan.id, JSON.stringify(plan))
      .publish(this.keys.entitlementsChannel(), JSON.stringify({ kind: 'plan', planId: plan.id }))
      .exec();
  }

  /** Writes the seed plans only into an empty plans hash: operators' later edits are never undone. */
  async seedIfEmpty(plans: Plan[]): Promise<Plan[]> {
    if ((await this.redis.hlen(this.keys.plans())) > 0) return [];
    const seeded: Plan[] = [];
    // HSETNX per plan: two instances starting together both seed, and neither overwrites the other.
    for (const plan of plans) if (await this.create(plan)) seeded.push(plan);
    return seeded;
  }

  async switchedOff(): Promise<Set<string>> {
    const switches = await this.redis.hgetall(this.keys.killSwitches());
    return new Set(Object.keys(switches).filter((feature) => switches[feature] === 'off'));
  }

  /** Turns a feature off (enabled false) or back on for everyone; returns the features now off. */
  async setFeatureEnabled(feature: string, enabled: boolean): Promise<Set<string>> {
    const transaction = this.redis.multi();
    if (enabled) transaction.hdel(this.keys.killSwitches(), feature);
    else transaction.hset(this.keys.killSwitches(), feature, 'off');
    await transaction
      .publish(this.keys.entitlementsChannel(), JSON.stringify({ kind: 'kill-switch', feature }))
      .exec();
    return this.switchedOff();
  }

  private async publish(change: EntitlementChange): Promise<void> {
    await this.redis.publish(this.keys.entitlementsChannel(), JSON.stringify(change));
  }
}

/** The plan a Stripe price belongs to; each price maps to at most one plan. */
export function planForPrice(plans: ReadonlyMap<string, Plan>, priceId: string): Plan | null {
  for (const plan of plans.values()) if (plan.price?.stripePriceId === priceId) return plan;
  return null;
}
