import { addDays, dayStart, firstDayOfMonth, nextMonth, utcDay, utcMonth } from '@hark/contracts';

/**
 * Quota periods. A quota's period comes from its name ("…_per_day", "…_per_month"), so an
 * operator can add a quota to a plan without code. Periods are UTC calendar days and months:
 * every instance and service agrees on them whatever its zone, and a usage key per period
 * means a reset is simply a new key (the old one ages out on its TTL).
 */
export type QuotaPeriodKind = 'day' | 'month';

export interface QuotaWindow {
  /** "2026-11-26" for a day, "2026-11" for a month: the period part of the usage key. */
  period: string;
  startsAt: Date;
  resetsAt: Date;
}

/** How long a usage key outlives its period: covers clock skew between instances and late refunds. */
export const USAGE_GRACE_SECONDS = 3_600;

const suffixes: [string, QuotaPeriodKind][] = [
  ['_per_day', 'day'],
  ['_per_month', 'month'],
];

/** The period a quota is counted over, or null when its name says none. */
export function quotaPeriodKind(quota: string): QuotaPeriodKind | null {
  return suffixes.find(([suffix]) => quota.endsWith(suffix))?.[1] ?? null;
}

/** The window (period id, start, reset) of `quota` that contains `now`. */
export function quotaWindow(quota: string, now: Date): QuotaWindow {
  const kind = quotaPeriodKind(quota);
  if (!kind) {
    throw new RangeError(`quota "${quota}" names no period: end it with _per_day or _per_month`);
  }
  if (kind === 'month') {
    const month = utcMonth(now);
    return {
      period: month,
      startsAt: dayStart(firstDayOfMonth(month)),
      resetsAt: dayStart(firstDayOfMonth(nextMonth(month))),
    };
  }
  const day = utcDay(now);
  return { period: day, startsAt: dayStart(day), resetsAt: dayStart(addDays(day, 1)) };
}

/** Seconds a usage key should live from `now`: to the reset, plus grace. */
export function usageTtlSeconds(window: QuotaWindow, now: Date): number {
  return Math.ceil((window.resetsAt.getTime() - now.getTime()) / 1000) + USAGE_GRACE_SECONDS;
}
