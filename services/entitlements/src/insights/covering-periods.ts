import { daysBetween, firstDayOfMonth, lastDayOfMonth, monthsTouching } from '@hark/contracts';

/**
 * The fewest rollup periods (UTC days "2026-11-26" and months "2026-11") that cover the range
 * exactly: whole months inside it, and the days of the months it only partly covers. A
 * HyperLogLog union (PFCOUNT over several keys) then merges at most ~12 month keys and ~60 day
 * keys, whatever the range.
 */
export function coveringPeriods(from: string, to: string): string[] {
  const periods: string[] = [];
  for (const month of monthsTouching(from, to)) {
    const first = firstDayOfMonth(month);
    const last = lastDayOfMonth(month);
    if (first >= from && last <= to) periods.push(month);
    else periods.push(...daysBetween(first < from ? from : first, last > to ? to : last));
  }
  return periods;
}
