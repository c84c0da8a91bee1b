import {
  type EntitlementProjection,
  featureNames,
  limitNames,
  type Plan,
  type SubscriptionStatus,
} from './entitlements.js';

/**
 * A user's effective entitlements, computed from what Redis holds: the projection (grant and
 * Stripe subscription), the plans, the kill switches, and the clock. Pure, so the entitlement
 * service (GET /v1/me, the admin view) and every reader (entitlements-client) agree.
 *
 * Precedence: an unexpired operator grant, then a Stripe subscription that gives access, then
 * the default plan. Time-dependent parts (a grant's expiry, the end of a past-due grace period)
 * are decided here against `now`, never stored as decided: nothing has to be rewritten when
 * they pass. `validUntil` says when the answer changes by itself, so a cache can expire there.
 */

/** The plan of a user the entitlement service has no record of, or whose plan vanished. */
export const DEFAULT_PLAN_ID = 'free';

/** Statuses that give access outright; past_due gives it until the grace period ends. */
const accessStatuses: ReadonlySet<SubscriptionStatus> = new Set(['active', 'trialing']);

type SourceKind = EntitlementProjection['source'];
export interface EffectiveEntitlements {
  userId: string;
  planId: string;
  planName: string;
  source: SourceKind;
  /** Plan features, false when switched off for everyone; known features always present (false if unset). */
  features: Record<string, boolean>;
  /** Plan limits; known limits always present (0 if the plan omits one: fail closed). */
  limits: Record<string, number>;
  /** Why this plan applies, for operators and support. */
  reason: string;
  /** Features switched off for everyone by an operator (already false in `features`). */
  switchedOff: string[];
  /** When this answer changes by itself (grant expiry, end of grace), ISO; null when only a write changes it. */
  validUntil: string | null;
}

type Subscription = NonNullable<EntitlementProjection['subscription']>;
type Grant = NonNullable<EntitlementProjection['grant']>;

const isFuture = (iso: string | null | undefined, now: Date) =>
  typeof iso === 'string' && Date.parse(iso) > now.getTime();

/** An operator grant is in force until its expiry (none = for good). */
export function grantInForce(grant: Grant | null, now: Date): boolean {
  return grant !== null && (grant.expiresAt === null || isFuture(grant.expiresAt, now));
}

/** Whether a Stripe subscription gives access now: active or trialing, or past due within grace. */
export function subscriptionGivesAccess(subscription: Subscription | null, now: Date): boolean {
  if (!subscription) return false;
  if (accessStatuses.has(subscription.status)) return true;
  return subscription.status === 'past_due' && isFuture(subscription.graceEndsAt, now);
}

interface PlanInForce {
  planId: string;
  source: SourceKind;
  reason: string;
  validUntil: string | null;
}

function describeSubscription(subscription: Subscription): string {
  const base = `Stripe subscription ${subscription.id} is ${subscription.status}`;
  return subscription.status === 'past_due' ? `${base}, in grace until ${subscription.graceEndsAt}` : base;
}

function whyDefault(projection: EntitlementProjection | null, now: Date): string {
  if (!projection) return 'no grant and no subscription';
  const notes: string[] = [];
  if (projection.grant)
    notes.push(`grant of ${projection.grant.planId} expired at ${projection.grant.expiresAt}`);
  const subscription = projection.subscription;
  if (subscription && subscriptionGivesAccess(subscription, now)) {
    notes.push(
      `Stripe subscription ${subscription.id} is ${subscription.status} but its price maps to no plan`,
    );
  } else if (subscription?.status === 'past_due') {
    notes.push(
      `Stripe subscription ${subscription.id} is past_due and its grace ended at ${subscription.graceEndsAt}`,
    );
  } else if (subscription) {
    notes.push(`Stripe subscription ${subscription.id} is ${subscription.status}, which gives no access`);
  }
  return notes.length > 0 ? notes.join('; ') : 'no grant and no subscription';
}

/** Which plan applies now, and until when that holds without any write. */
export function planInForce(projection: EntitlementProjection | null, now: Date): PlanInForce {
  const grant = projection?.grant ?? null;
  if (grant && grantInForce(grant, now)) {
    const until = grant.expiresAt ? ` until ${grant.expiresAt}` : '';
    return {
      planId: grant.planId,
      source: 'grant',
      reason: `granted by ${grant.grantedBy}${until}: ${grant.reason}`,
      validUntil: grant.expiresAt,
    };
  }
  const subscription = projection?.subscription ?? null;
  if (subscription?.planId && subscriptionGivesAccess(subscription, now)) {
    const inGrace = subscription.status === 'past_due';
    return {
      planId: subscription.planId,
      source: 'stripe',
      reason: describeSubscription(subscription),
      validUntil: inGrace ? (subscription.graceEndsAt ?? null) : null,
    };
  }
  return {
    planId: DEFAULT_PLAN_ID,
    source: 'default',
    reason: whyDefault(projection, now),
    validUntil: null,
  };
}

function effectiveFeatures(
  plan: Plan | undefined,
  killSwitches: ReadonlySet<string>,
): Record<string, boolean> {
  const features: Record<string, boolean> = Object.fromEntries(featureNames.map((name) => [name, false]));
  for (const [name, on] of Object.entries(plan?.features ?? {}))
    features[name] = on && !killSwitches.has(name);
  return features;
}

function effectiveLimits(plan: Plan | undefined): Record<string, number> {
  return { ...Object.fromEntries(limitNames.map((name) => [name, 0])), ...(plan?.limits ?? {}) };
}

/**
 * The effective entitlements of `userId` at `now`. A plan in force that no longer exists falls
 * back to the default plan; with no default plan either, every feature is off and every limit 0.
 */
export function computeEffectiveEntitlements(
  userId: string,
  projection: EntitlementProjection | null,
  plans: ReadonlyMap<string, Plan>,
  killSwitches: ReadonlySet<string>,
  now: Date,
): EffectiveEntitlements {
  const inForce = planInForce(projection, now);
  const plan = plans.get(inForce.planId) ?? plans.get(DEFAULT_PLAN_ID);
  const reason =
    plan && plan.id !== inForce.planId
      ? `${inForce.reason}; plan ${inForce.planId} no longer exists, so ${plan.id} applies`
      : inForce.reason;
  return {
    userId,
    planId: plan?.id ?? inForce.planId,
    planName: plan?.name ?? inForce.planId,
    source: inForce.source,
    features: effectiveFeatures(plan, killSwitches),
    limits: effectiveLimits(plan),
    reason,
    switchedOff: [...killSwitches].sort(),
    validUntil: inForce.validUntil,
  };
}
