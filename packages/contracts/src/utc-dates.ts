/**
 * UTC calendar days ("2026-11-26") and months ("2026-11"): the periods quotas, LLM usage and
 * the insights rollups are counted by. Services name Redis keys after them (the conversation
 * service writes a day's LLM usage, the entitlements service reads it), so they come from one
 * place. Date serves only as a calculator in UTC; nothing here reads the clock.
 */

const DAY_MS = 86_400_000;

/** The UTC day an instant falls on: "2026-11-26". */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** The UTC month an instant falls in: "2026-11". */
export const utcMonth = (at: Date): string => at.toISOString().slice(0, 7);

/** "2026-11-26" -> "2026-11". */
export const monthOfDay = (day: string): string => day.slice(0, 7);

/** The instant a UTC day starts: midnight UTC. */
export const dayStart = (day: string): Date => new Date(`${day}T00:00:00Z`);

/** The day `days` days after `day` (before it when negative). */
export function addDays(day: string, days: number): string {
  return utcDay(new Date(dayStart(day).getTime() + days * DAY_MS));
}

/** Every day from `from` to `to`, both included, oldest first. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** How many days from `from` to `to`, both included (0 or less when `to` is before `from`). */
export function daysInRange(from: string, to: string): number {
  return Math.round((dayStart(to).getTime() - dayStart(from).getTime()) / DAY_MS) + 1;
}

export function firstDayOfMonth(month: string): string {
  return `${month}-01`;
}

/** "2024-02" -> "2024-02-29": month lengths and leap years come from the calendar itself. */
export function lastDayOfMonth(month: string): string {
  const [year, monthIndex] = month.split('-').map(Number) as [number, number];
  return utcDay(new Date(Date.UTC(year, monthIndex, 0)));
}

/** "2026-12" -> "2027-01". */
export function nextMonth(month: string): string {
  return monthOfDay(addDays(lastDayOfMonth(month), 1));
}

/** Calendar months the range from `from` to `to` touches, oldest first. */
export function monthsTouching(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = monthOfDay(from); month <= monthOfDay(to); month = nextMonth(month)) months.push(month);
  return months;
}
