import { hashTag, type KeySpace } from '@hark/core';

/**
 * The Redis keys only the entitlement service uses: Stripe billing and the insights rollups (the
 * audit log is `operatorAudit` in @hark/users, which both the router and this service write). Plans, kill switches, projections and quota usage, which every service reads, are
 * declared with the client that reads them (`entitlementKeys` in @hark/entitlements-client).
 */
export function entitlementsServiceKeys(space: KeySpace) {
  const insights = (name: string) => space.slot('insights', name);
  return {
    /** Hash: Stripe customer id -> user id. Global lookup (webhooks name the customer). */
    stripeCustomers: () => space.global('entitlements:stripe-customers'),
    /** String: the user's Stripe customer id, created once and reused. */
    stripeCustomerOf: (userId: string) => space.user(userId, 'stripe-customer'),
    /** String with a TTL beyond Stripe's 3-day retry window: this event id was applied. */
    stripeEvent: (eventId: string) => space.global(`entitlements:stripe-event:${eventId}`),
    /** String with a TTL: serialises syncing one Stripe customer across workers and instances. */
    stripeCustomerLock: (customerId: string) => space.global(`entitlements:stripe-lock:${customerId}`),
    /** String with a TTL: one `POST /admin/stripe/resync` at a time. */
    stripeResyncLock: () => space.global('entitlements:stripe-resync-lock'),
    /** BullMQ prefix of the Stripe event queue; `{stripe-queue}` keeps its keys on one Cluster slot. */
    stripeQueuePrefix: () => space.global(`entitlements:${hashTag('stripe-queue')}`),

    // Insights rollups of the interaction stream: one `{insights}` tag puts them all on one Cluster
    // slot, so a fold commits every rollup and the cursor in one script, and PFCOUNT spans days.
    /** Hash: cursor (last folded stream id), eventsFolded, lastEventAtMs, foldedAtMs. */
    insightsState: () => insights('state'),
    /** String with a TTL: the folder holding it (one fold at a time across instances). */
    insightsFoldLock: () => insights('fold-lock'),
    /** Hash with a TTL: counters of one UTC day ("n|tier|intent", "costMicroUsd|tier", …). */
    insightsDay: (day: string) => insights(`day:${day}`),
    /** Hash with a TTL: counters of one UTC month ("n|tier", "costMicroUsd|tier", …). */
    insightsMonth: (month: string) => insights(`month:${month}`),
    /** HyperLogLog with a TTL: distinct users of a day or month, per tier and intent ("*" = all). */
    insightsUsers: (period: string, tier: string, intent: string) =>
      insights(`users:${period}:${tier}:${intent}`),
    /** Sorted set with a TTL: user id -> LLM cost (micro-USD) in one month on one tier. */
    insightsLlmCost: (month: string, tier: string) => insights(`llm-cost:${month}:${tier}`),
    /** Hash with a TTL: "userId|turns|promptTokens|completionTokens" counters of one month and tier. */
    insightsLlmUsers: (month: string, tier: string) => insights(`llm-users:${month}:${tier}`),
    /** Hash: user id -> "ms|YYYY-MM-DD" of the user's first upsell (premium gate hit). */
    insightsGateHits: () => insights('gate-hits'),
    /** Hash: user id -> "ms|planId|source" of the first move onto a priced plan. */
    insightsUpgrades: () => insights('upgrades'),
    /** Hash: "YYYY-MM-DD|hits", "|upgraded7", "|upgraded30", "|upgrades" -> users, by day. */
    insightsGateDays: () => insights('gate-days'),
    /** HyperLogLog with a TTL: distinct users of one month and tier counted as one customer class. */
    insightsClassUsers: (month: string, tier: string, customerClass: string) =>
      insights(`class-users:${month}:${tier}:${customerClass}`),
    /**
     * HyperLogLog with a TTL: distinct users of one month who used timers or alarms, or anything
     * beyond them (`system` exchanges aside), counted over all their turns or only those taken as a
     * paying customer. The report's "smart timer" figures are unions and differences of these.
     */
    insightsPeople: (month: string, turns: PeopleTurns, used: PeopleUse) =>
      insights(`people:${month}:${turns}:${used}`),
    /** Hash: user id -> JSON {note, markedAt, markedBy} of users marked internal or test. */
    insightsInternalUsers: () => insights('internal-users'),
    /** Hash: user id -> JSON {planId, fromMs, untilMs} of the user's latest operator grant (comps). */
    insightsGrants: () => insights('grants'),

    // Money (issue 21): what Stripe collected, MRR and its movements, trials, the checkout funnel.
    /** Hash: "obj:<Stripe id>" -> 1 for each invoice, refund or credit note recorded; "pi:<id>" -> "plan|currency". */
    insightsLedger: () => insights('ledger'),
    /** Hash: "plan|currency|paid", "…|invoices", "…|refunded", "…|refunds" of one UTC month. */
    insightsRevenue: (month: string) => insights(`revenue:${month}`),
    /** Hash: user id -> "mrrMinor|currency|everPaying|trial" as the last subscription sync saw it. */
    insightsMrrCustomers: () => insights('mrr-customers'),
    /** Hash: "currency|new", "…|expansion", …, "trials|started" and the month's customer moves. */
    insightsMrrMonth: (month: string) => insights(`mrr:${month}`),
    /** Hash: "firstMonth" (YYYY-MM) of the first MRR or trial movement, where running totals start. */
    insightsMrrState: () => insights('mrr-state'),
    /** Hash: "cs:<session id>" -> "state|YYYY-MM-DD"; "started:<user>", "completed:<user>", "paid:<user>" -> ms. */
    insightsCheckouts: () => insights('checkouts'),
    /** Hash: "YYYY-MM-DD|started", "…|complete", "…|expired": checkout sessions by the day they were created. */
    insightsCheckoutDays: () => insights('checkout-days'),
  };
}

/** Which of a user's turns a people HyperLogLog counts: all of them, or those taken as paying. */
export type PeopleTurns = 'all' | 'paying';
/** What a people HyperLogLog records: timers or alarms were used, or something beyond them. */
export type PeopleUse = 'timers-alarms' | 'beyond';

export type EntitlementsServiceKeys = ReturnType<typeof entitlementsServiceKeys>;
