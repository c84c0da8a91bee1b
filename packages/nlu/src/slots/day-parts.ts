import type { DayPart } from './days.js';

/**
 * What a part of the day ("tonight", "tomorrow morning") says about a clock time: "tonight
 * at 10" is 22:00, and "remind me this evening" with no time needs a sensible hour.
 */

/** Hour a reminder for a day (or part of it) is due when no clock time was said. */
const DEFAULT_HOUR: Readonly<Record<DayPart | 'day', number>> = {
  day: 9,
  morning: 9,
  afternoon: 15,
  evening: 19,
  night: 21,
};

const pad = (hour: number, minute: string) => `${String(hour).padStart(2, '0')}:${minute}`;

export function defaultTimeOf(part: DayPart | undefined): string {
  return pad(DEFAULT_HOUR[part ?? 'day'], '00');
}

/**
 * Moves a 12 h reading into the part of the day: "10" in the evening or at night is 22:00,
 * "3" in the afternoon is 15:00. Times already past noon, and morning times, stay.
 */
export function timeInDayPart(time: string, part: DayPart | undefined): string {
  const hour = Number(time.slice(0, 2));
  const minute = time.slice(3);
  if (part === 'afternoon' || part === 'evening')
    return hour >= 1 && hour <= 11 ? pad(hour + 12, minute) : time;
  if (part === 'night') return hour >= 6 && hour <= 11 ? pad(hour + 12, minute) : time;
  return time;
}
