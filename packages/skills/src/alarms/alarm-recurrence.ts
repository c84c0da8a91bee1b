import { DateTime } from 'luxon';

/** When an alarm rings, in the user's own terms: a local clock time, a day, a repeat rule. */
export interface AlarmClock {
  time: string;
  date: string | null;
  repeat: string | null;
  timeZone: string;
}

const weekdayNumbers: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

/** ISO weekdays (1 = Monday) a repeat rule rings on; null for a one-off alarm. */
export function repeatWeekdays(repeat: string | null): ReadonlySet<number> | null {
  if (repeat === null) return null;
  if (repeat === 'daily') return new Set([1, 2, 3, 4, 5, 6, 7]);
  if (repeat === 'weekdays') return new Set([1, 2, 3, 4, 5]);
  if (repeat === 'weekends') return new Set([6, 7]);
  return new Set(repeat.split(',').map((day) => weekdayNumbers[day] ?? 0));
}

/**
 * The instant the wall clock in `timeZone` shows `date` `time`, or null when the date does
 * not exist (2026-02-30). Luxon moves a time that a DST change skips forward with the clock
 * (02:30 on the spring-forward night rings at 03:30) and takes the first of a repeated hour.
 */
export function localInstant(date: string, time: string, timeZone: string): number | null {
  const local = DateTime.fromISO(`${date}T${time}`, { zone: timeZone });
  return local.isValid ? local.toMillis() : null;
}

export const isValidLocalDate = (date: string): boolean => DateTime.fromISO(date).isValid;

/**
 * The first time strictly after `after` (epoch ms) that the alarm rings, or null if it
 * never will again (a one-off alarm whose moment passed). Computed on local calendar days,
 * so a 07:00 alarm stays at 07:00 local across daylight-saving changes.
 */
export function nextOccurrence(clock: AlarmClock, after: number): number | null {
  const today = DateTime.fromMillis(after, { zone: clock.timeZone }).toISODate()!;
  const firstDay = clock.date !== null && clock.date > today ? clock.date : today;
  const weekdays = repeatWeekdays(clock.repeat);
  if (weekdays === null && clock.date !== null) {
    const once = localInstant(clock.date, clock.time, clock.timeZone);
    return once !== null && once > after ? once : null;
  }
  // A week and a day covers every rule, including a time skipped by DST on the first day.
  for (let offset = 0; offset <= 8; offset++) {
    const day = DateTime.fromISO(firstDay, { zone: clock.timeZone }).plus({ days: offset });
    if (weekdays !== null && !weekdays.has(day.weekday)) continue;
    const instant = localInstant(day.toISODate()!, clock.time, clock.timeZone);
    if (instant !== null && instant > after) return instant;
  }
  return null;
}
