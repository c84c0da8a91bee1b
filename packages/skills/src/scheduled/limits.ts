import { HarkError } from '@hark/core';
import type { ScheduledKind } from '@hark/scheduling';

/**
 * How many active items of a kind a user may have: from the user's plan where it sets one
 * (limitsFromPlan), else from configuration; which is why it is asked per user and may be async.
 */
export interface ItemLimits {
  maxActive(userId: string, kind: ScheduledKind): Promise<number> | number;
}

export const fixedLimits = (perKind: Record<ScheduledKind, number>): ItemLimits => ({
  maxActive: (_userId, kind) => perKind[kind],
});

/** The limits of packages/core's configuration (TIMERS_MAX_ACTIVE, ALARMS_MAX_ACTIVE, REMINDERS_MAX_ACTIVE). */
export const limitsFromConfig = (config: {
  TIMERS_MAX_ACTIVE: number;
  ALARMS_MAX_ACTIVE: number;
  REMINDERS_MAX_ACTIVE: number;
}): ItemLimits =>
  fixedLimits({
    timer: config.TIMERS_MAX_ACTIVE,
    alarm: config.ALARMS_MAX_ACTIVE,
    reminder: config.REMINDERS_MAX_ACTIVE,
  });

/** The part of the entitlements client item limits need: the plan's limit, or null when it has none. */
export interface PlanLimitLookup {
  limit(userId: string, name: string): Promise<number | null>;
}

/**
 * Limits from the user's plan (`timers.max_active`, `alarms.max_active`, …), falling back to
 * `otherwise` (the configuration) for a kind the plan does not limit, so an operator can move
 * a kind under plan control by adding the limit to the plans, without code.
 */
export const limitsFromPlan = (plans: PlanLimitLookup, otherwise: ItemLimits): ItemLimits => ({
  maxActive: async (userId, kind) =>
    (await plans.limit(userId, `${kind}s.max_active`)) ?? otherwise.maxActive(userId, kind),
});

/** The part of a ScheduledItemStore a limit check needs. */
export interface ActiveItems<T> {
  hasActiveAtLeast(
    userId: string,
    limit: number | Promise<number>,
    isActive: (item: T) => boolean,
  ): Promise<boolean>;
}

/** Refuses one more active item of a kind (LIMIT_REACHED) once the user has as many as the limit allows. */
export async function ensureBelowLimit<T>(
  items: ActiveItems<T>,
  limits: ItemLimits,
  userId: string,
  kind: ScheduledKind,
  isActive: (item: T) => boolean,
): Promise<void> {
  // The limit (usually cached) and the index length are read together.
  const limit = limits.maxActive(userId, kind);
  if (await items.hasActiveAtLeast(userId, limit, isActive)) {
    const max = await limit;
    throw new HarkError('LIMIT_REACHED', { limit: max, what: `${kind}s` }, { limit: max, kind });
  }
}
