import { utcDay } from '@hark/contracts';

/**
 * Pure calendar arithmetic on ISO dates ("YYYY-MM-DD"). Date is used only as a calculator
 * in UTC; nothing here reads the clock.
 */

export const WEEKDAY_CODES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(iso: string): Date | null {
  const parts = ISO_DATE.exec(iso);
  if (!parts) return null;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

export function isValidIsoDate(iso: string): boolean {
  return toUtc(iso) !== null;
}

export function addDays(iso: string, days: number): string | null {
  const date = toUtc(iso);
  if (!date) return null;
  date.setUTCDate(date.getUTCDate() + days);
  return utcDay(date);
}

export function weekdayOf(iso: string): WeekdayCode | null {
  const date = toUtc(iso);
  return date ? WEEKDAY_CODES[date.getUTCDay()]! : null;
}

/** The next date after `today` that falls on `weekday` (1-7 days ahead). */
export function nextWeekday(today: string, weekday: WeekdayCode): string | null {
  const current = weekdayOf(today);
  if (!current) return null;
  const ahead = (WEEKDAY_CODES.indexOf(weekday) - WEEKDAY_CODES.indexOf(current) + 7) % 7 || 7;
  return addDays(today, ahead);
}

/** The next date on or after `today` whose day of the month is `day`, skipping months without it. */
export function nextDayOfMonth(today: string, day: number): string | null {
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7));
  for (let tries = 0; tries < 13; tries++) {
    const candidate = `${year}-${pad2(month)}-${pad2(day)}`;
    if (isValidIsoDate(candidate) && candidate >= today) return candidate;
    month = (month % 12) + 1;
    if (month === 1) year++;
  }
  return null;
}

/** "--12-24" (month-day, no year) -> its next occurrence on or after `today`. */
export function nextMonthDay(today: string, monthDay: string): string | null {
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}${monthDay.slice(1)}`;
  if (isValidIsoDate(thisYear) && thisYear >= today) return thisYear;
  const nextYear = `${year + 1}${monthDay.slice(1)}`;
  return isValidIsoDate(nextYear) ? nextYear : null;
}

export function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** A local date and "HH:MM" time moved forward by whole seconds (rounded down to the minute). */
export function addSecondsToLocal(
  today: string,
  time: string,
  seconds: number,
): { date: string; time: string } | null {
  const minutesOfDay = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) + Math.floor(seconds / 60);
  const date = addDays(today, Math.floor(minutesOfDay / 1440));
  if (date === null) return null;
  const minute = minutesOfDay % 1440;
  return { date, time: `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}` };
}
