import type { ScheduledKind } from '@hark/core';

/**
 * How many active items of a kind a user may have. Configuration supplies it today; the
 * entitlement plan will later, which is why it is asked per user and may be async.
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
