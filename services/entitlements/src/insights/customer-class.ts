import {
  type CustomerClass,
  type EntitlementProjection,
  entitlementProjectionSchema,
  type Plan,
  planInForce,
} from '@hark/contracts';
import type { Clock, RedisClient } from '@hark/core';
import type { EntitlementKeys } from '@hark/entitlements-client';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';
import type { PlanStore } from '../plans/plan-store.js';

const isPriced = (plan: Plan | undefined): boolean => (plan?.price?.amount ?? 0) > 0;

/**
 * Who a user counts as for the money figures, from the projection as it is at `now`: a user
 * marked internal is `internal`; an operator grant in force makes a user `comped` (or `free`
 * when the granted plan is unpriced), whatever else they have; a Stripe subscription in force is
 * `trial` while Stripe says trialing (until its first paid invoice) and `paying` otherwise; the
 * default plan is `free`. The same precedence as planInForce, so a class never disagrees with the
 * plan the user is served.
 */
export function customerClassOf(
  projection: EntitlementProjection | null,
  internal: boolean,
  plans: ReadonlyMap<string, Plan>,
  now: Date,
): CustomerClass {
  if (internal) return 'internal';
  const inForce = planInForce(projection, now);
  const priced = isPriced(plans.get(inForce.planId));
  if (inForce.source === 'grant') return priced ? 'comped' : 'free';
  if (inForce.source === 'stripe') {
    if (projection?.subscription?.status === 'trialing') return 'trial';
    return priced ? 'paying' : 'free';
  }
  return 'free';
}

function parseProjection(text: string | null): EntitlementProjection | null {
  if (!text) return null;
  try {
    const parsed = entitlementProjectionSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface CustomerClassifierOptions {
  redis: RedisClient;
  keys: EntitlementsServiceKeys & EntitlementKeys;
  plans: PlanStore;
  clock: Clock;
}

/**
 * The class of each user of a fold batch, looked up once per batch: every user's projection and
 * the internal marks, sent together (a batch of 1000 events is one round trip, whatever its size).
 */
export class CustomerClassifier {
  constructor(private readonly options: CustomerClassifierOptions) {}

  async classify(userIds: Iterable<string>): Promise<Map<string, CustomerClass>> {
    const { redis, keys, plans, clock } = this.options;
    const users = [...new Set(userIds)];
    if (users.length === 0) return new Map();
    // Issued in one turn of the event loop, they leave in one socket write (batchCommandWrites):
    // a pipeline that also holds on a Redis Cluster, where the users' keys sit on many slots.
    const [projections, marks, allPlans] = await Promise.all([
      Promise.all(users.map((userId) => redis.get(keys.entitlement(userId)))),
      redis.hmget(keys.insightsInternalUsers(), ...users),
      plans.all(),
    ]);
    const now = clock.now();
    return new Map(
      users.map((userId, index) => [
        userId,
        customerClassOf(parseProjection(projections[index] ?? null), marks[index] !== null, allPlans, now),
      ]),
    );
  }
}
