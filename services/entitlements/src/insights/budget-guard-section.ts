import { type budgetGuardMonthSchema, LIMITS, type Plan } from '@hark/contracts';
import type { RedisClient } from '@hark/core';
import type { BudgetGuardKeys } from '@hark/interactions';
import type { z } from 'zod';

type BudgetGuardMonth = z.infer<typeof budgetGuardMonthSchema>;

/**
 * The margin guard per plan and month (GET /admin/insights `budgetGuard`): how many users of each
 * plan moved to a cheaper model near their budget, and how many reached it (conversation paused).
 * The conversation service counts them in HyperLogLogs (services/conversation/src/budget), one
 * PFCOUNT of one key each (sent together, never as one pipeline: the keys are on many slots). One row per month and current plan, zeros
 * included, so the console can put the guard's steps beside each margin row.
 */
export async function budgetGuardSection(
  redis: RedisClient,
  keys: Pick<BudgetGuardKeys, 'budgetSteppedDown' | 'budgetPaused'>,
  months: readonly string[],
  plans: ReadonlyMap<string, Plan>,
): Promise<BudgetGuardMonth[]> {
  const cells = months.flatMap((month) => [...plans.values()].map((plan) => ({ month, plan })));
  const counts = await Promise.all(
    cells.flatMap(({ month, plan }) => [
      redis.pfcount(keys.budgetSteppedDown(plan.id, month)),
      redis.pfcount(keys.budgetPaused(plan.id, month)),
    ]),
  );
  const countAt = (index: number) => counts[index] ?? 0;
  return cells.map(({ month, plan }, index) => ({
    month,
    planId: plan.id,
    budgetMicroUsd: plan.limits[LIMITS.conversationLlmBudgetMicroUsd] ?? null,
    usersSteppedDown: countAt(2 * index),
    usersPaused: countAt(2 * index + 1),
  }));
}
