import { DateTime } from 'luxon';
import { numberInWords } from './number-words.js';

/** "07:30" as the locale says it: "7:30 AM" (en-US), "07:30" (en-GB). */
export function spokenClockTime(time: string, locale: string): string {
  return DateTime.fromFormat(time, 'HH:mm', { locale }).toLocaleString(DateTime.TIME_SIMPLE);
}

/** The wall-clock time of an instant in a zone, as the locale says it. */
export function spokenTimeOf(instant: number, timeZone: string, locale: string): string {
  return DateTime.fromMillis(instant, { zone: timeZone, locale }).toLocaleString(DateTime.TIME_SIMPLE);
}

/**
 * The day of an instant relative to now, both in the user's zone: "today", "tomorrow",
 * "on Friday" within the week, else "on March 28".
 */
export function spokenDay(instant: number, now: number, timeZone: string, locale: string): string {
  const day = DateTime.fromMillis(instant, { zone: timeZone, locale }).startOf('day');
  const today = DateTime.fromMillis(now, { zone: timeZone, locale }).startOf('day');
  const days = Math.round(day.diff(today, 'days').days);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days > 1 && days < 7) return `on ${day.toFormat('cccc')}`;
  return `on ${day.toFormat('LLLL d')}`;
}

/** Every way a person may say a clock time in an answer: "7", "7 am", "seven", "7:30", "07:30"... */
export function clockTimePhrases(time: string, locale: string): string[] {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  const half = hour < 12 ? 'am' : 'pm';
  const minutes = String(minute).padStart(2, '0');
  const hourWords = numberInWords(hour12)!;
  const minuteWords =
    minute === 0 ? null : minute < 10 ? `oh ${numberInWords(minute)}` : numberInWords(minute);
  const phrases = [
    time,
    spokenClockTime(time, locale).toLowerCase(),
    `${hour12}:${minutes}`,
    `${hour12}:${minutes} ${half}`,
  ];
  if (minute === 0)
    phrases.push(`${hour12}`, `${hour12} ${half}`, `${hour12} o'clock`, hourWords, `${hourWords} ${half}`);
  else phrases.push(`${hourWords} ${minuteWords}`, `${hourWords} ${minuteWords} ${half}`);
  return [...new Set(phrases)];
}
