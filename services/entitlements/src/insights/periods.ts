/** UTC days ("2026-11-26") and months ("2026-11"), the periods every insights rollup is kept by. */

const DAY_MS = 86_400_000;

export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);
export const utcMonth = (at: Date): string => at.toISOString().slice(0, 7);
export const monthOfDay = (day: string): string => day.slice(0, 7);

const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`);

export function addDays(day: string, days: number): string {
  return utcDay(new Date(dayStart(day) + days * DAY_MS));
}

/** Every day from `from` to `to`, both included, oldest first. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

export function firstDayOfMonth(month: string): string {
  return `${month}-01`;
}

export function lastDayOfMonth(month: string): string {
  const [year, monthIndex] = month.split('-').map(Number) as [number, number];
  return utcDay(new Date(Date.UTC(year, monthIndex, 0)));
}

/** Calendar months the range touches, oldest first. */
export function monthsTouching(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = monthOfDay(from); month <= monthOfDay(to); ) {
    months.push(month);
    month = monthOfDay(addDays(lastDayOfMonth(month), 1));
  }
  return months;
}

/**
 * The fewest rollup periods that cover the range exactly: whole months inside it, and the days
 * of the months it only partly covers. A HyperLogLog union (PFCOUNT over several keys) then
 * merges at most ~12 month keys and ~60 day keys, whatever the range.
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
