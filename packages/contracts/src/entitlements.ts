import { z } from 'zod';

/**
 * Plans and the per-user entitlement projection. services/entitlements is the only writer of
 * the projection in Redis; every other service reads it through packages/entitlements-client.
 */

/** The catalogue's features, by name: code says `FEATURES.voiceStt`, plans and the wire say "voice.stt". */
export const FEATURES = {
  conversation: 'conversation',
  voiceStt: 'voice.stt',
  voiceTts: 'voice.tts',
} as const;
export const featureNames = [FEATURES.conversation, FEATURES.voiceStt, FEATURES.voiceTts] as const;
export type FeatureName = (typeof featureNames)[number];

/**
 * The catalogue's limits; a name ending in _per_day or _per_month is a quota counted in that period.
 * `conversation.llm_budget_micro_usd` is not a quota (nothing consumes it): it is the most LLM cost
 * one user may run up in a UTC month, in micro-USD, enforced by the margin guard of the
 * conversation service (docs/OPERATIONS.md "Premium cost knobs"). Like every limit, a plan without
 * it has 0: no conversation at all.
 */
export const LIMITS = {
  timersMaxActive: 'timers.max_active',
  conversationTurnsPerDay: 'conversation.turns_per_day',
  conversationTrialTurnsPerMonth: 'conversation.trial_turns_per_month',
  weatherForecastDays: 'weather.forecast_days',
  conversationLlmBudgetMicroUsd: 'conversation.llm_budget_micro_usd',
} as const;
export const limitNames = [
  LIMITS.timersMaxActive,
  LIMITS.conversationTurnsPerDay,
  LIMITS.conversationTrialTurnsPerMonth,
  LIMITS.weatherForecastDays,
  LIMITS.conversationLlmBudgetMicroUsd,
] as const;
export type LimitName = (typeof limitNames)[number];

/** Known names are typed; plans may still carry new ones (a plan can be added without code). */
const featureKey = z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/);

export const planSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
    name: z.string().min(1).max(100),
    enabled: z.boolean().describe('Open for new subscriptions'),
    price: z
      .object({
        stripePriceId: z.string().nullable(),
        amount: z.number().int().nonnegative().describe('Display amount in minor units (cents)'),
        currency: z.string().regex(/^[a-z]{3}$/),
        interval: z.enum(['month', 'year']),
      })
      .nullable(),
    features: z.record(featureKey, z.boolean()),
    limits: z.record(featureKey, z.number().int().nonnegative()),
  })
  .meta({ id: 'Plan' });
export type Plan = z.infer<typeof planSchema>;

export const subscriptionStatusSchema = z.enum([
  'active',
  'trialing',
  'past_due',
  'incomplete',
  'incomplete_expired',
  'unpaid',
  'canceled',
  'paused',
]);
export type SubscriptionStatus = z.infer<typeof subscriptionStatusSchema>;

/** What Redis holds per user; the effective entitlements combine it with the plan and kill switches. */
export const entitlementProjectionSchema = z.object({
  userId: z.string(),
  /** The plan in force; "free" when nothing else applies. */
  planId: z.string(),
  source: z.enum(['default', 'grant', 'stripe']),
  grant: z
    .object({
      planId: z.string(),
      expiresAt: z.string().nullable(),
      reason: z.string(),
      grantedBy: z.string(),
    })
    .nullable(),
  subscription: z
    .object({
      id: z.string(),
      customerId: z.string(),
      status: subscriptionStatusSchema,
      planId: z.string().nullable(),
      currentPeriodEnd: z.string().nullable(),
      /** Stripe's `created` of the newest event applied; informational, as state is re-fetched from Stripe. */
      eventCreated: z.number().int(),
      pastDueSince: z.string().nullable(),
      /** End of the past-due grace period (pastDueSince + STRIPE_PAST_DUE_GRACE_DAYS), set by the writer so readers need no config. */
      graceEndsAt: z.string().nullable().optional(),
    })
    .nullable(),
  updatedAt: z.string(),
});
export type EntitlementProjection = z.infer<typeof entitlementProjectionSchema>;

/** GET /v1/me */
export const meResponseSchema = z
  .object({
    user: z.object({ id: z.string() }),
    plan: z.object({ id: z.string(), name: z.string() }),
    features: z.record(z.string(), z.boolean()),
    limits: z.record(z.string(), z.number()),
    usage: z.record(z.string(), z.number()),
    subscription: z
      .object({
        status: subscriptionStatusSchema,
        currentPeriodEnd: z.string().nullable(),
        planId: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'Me' });
export type MeResponse = z.infer<typeof meResponseSchema>;

/** Published on keys.entitlementsChannel(): which cached entries readers must drop. */
export const entitlementChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: z.string() }),
  z.object({ kind: z.literal('plan'), planId: z.string() }),
  z.object({ kind: z.literal('kill-switch'), feature: z.string() }),
]);
export type EntitlementChange = z.infer<typeof entitlementChangeSchema>;
