import { DateTime } from 'luxon';

/** One local calendar day as epoch ms, [start, end): what "tomorrow" covers in the user's zone. */
export interface DayWindow {
  start: number;
  end: number;
}

/** The user's local day `isoDate` ("2026-03-11") in `timeZone`; null when it is no date. */
export function dayWindow(isoDate: string, timeZone: string): DayWindow | null {
  const start = DateTime.fromISO(isoDate, { zone: timeZone }).startOf('day');
  if (!start.isValid) return null;
  return { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() };
}

export const isWithin = (instant: number, day: DayWindow): boolean =>
  instant >= day.start && instant < day.end;
