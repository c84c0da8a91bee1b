import type { KeySpace } from '@hark/core';

/** The steps of the margin guard (issue 22): the plan's model, a cheaper one, or no conversation. */
export type BudgetStep = 'normal' | 'step-down' | 'paused';

/**
 * The Redis keys of the margin guard: a per-user monthly LLM budget. The conversation service's
 * BudgetGuard (services/conversation/src/budget) writes them; the entitlement service's insights and
 * admin views read them. Months are UTC ("2026-11"), like the llmUsage counters.
 */
export function budgetGuardKeys(space: KeySpace) {
  return {
    /**
     * Hash with a TTL, on the user's slot: `spent` (micro-USD the guard settled this month). The
     * reservations of model calls in flight are beside it, in `budgetReservations`.
     */
    budgetLedger: (userId: string, month: string) => space.user(userId, `llm-budget:${month}`),
    /**
     * Sorted set with a TTL, on the user's slot: one member `<id>:<micro-USD>` per model call in
     * flight, scored by when the reservation lapses (ms), so a crashed instance cannot hold budget.
     */
    budgetReservations: (userId: string, month: string) => space.user(userId, `llm-budget-held:${month}`),
    /** HyperLogLog with a TTL: users of `planId` whose turns moved to a cheaper model in `month`. */
    budgetSteppedDown: (planId: string, month: string) =>
      space.global(`llm-budget-users:step-down:${planId}:${month}`),
    /** HyperLogLog with a TTL: users of `planId` who reached the budget (conversation paused) in `month`. */
    budgetPaused: (planId: string, month: string) =>
      space.global(`llm-budget-users:paused:${planId}:${month}`),
  };
}

export type BudgetGuardKeys = ReturnType<typeof budgetGuardKeys>;

/** The first day of the UTC month after `now` ("2026-12-01"): when a paused conversation comes back. */
export function budgetResumesOn(now: Date): string {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return next.toISOString().slice(0, 10);
}
