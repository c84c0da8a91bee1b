import { tokenizeWords } from '../normalize.js';
import { wordTable } from '../word-table.js';
import {
  addDays,
  isValidIsoDate,
  nextDayOfMonth,
  nextMonthDay,
  nextWeekday,
  pad2,
  WEEKDAY_CODES,
  type WeekdayCode,
  weekdayOf,
} from './calendar.js';
import { parseWhole, type Span, spansOf } from './span.js';

/**
 * Days as said, kept symbolic until a caller can resolve them purely:
 * "today" | "tomorrow" | "day-after-tomorrow" | "weekend" | a weekday code ("mon") | an
 * ISO date ("2026-12-24") | a month-day without year in ISO 8601 form ("--12-24") | a
 * day of the month in ISO 8601 form ("---01" for "the 1st"); a
 * relative day or a weekday may carry a part of the day after "@" ("today@night" for
 * "tonight", "fri@evening" for "friday evening").
 */
export type DayRef = string;

export type DayPart = 'morning' | 'afternoon' | 'evening' | 'night';

/** "tomorrow@morning" -> { day: "tomorrow", part: "morning" }. */
export function splitDayRef(ref: DayRef): { day: DayRef; part: DayPart | undefined } {
  const at = ref.indexOf('@');
  return at < 0
    ? { day: ref, part: undefined }
    : { day: ref.slice(0, at), part: ref.slice(at + 1) as DayPart };
}

export const WEEKDAY_NAMES: Readonly<Record<string, WeekdayCode>> = wordTable({
  monday: 'mon',
  tuesday: 'tue',
  wednesday: 'wed',
  thursday: 'thu',
  friday: 'fri',
  saturday: 'sat',
  sunday: 'sun',
});

export const MONTHS: Readonly<Record<string, number>> = wordTable({
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
});

export const ORDINAL_WORDS: Readonly<Record<string, number>> = wordTable({
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
});

/** Fixed phrases; a part of day is kept after "@" ("tonight" -> "today@night"). */
const RELATIVE_PHRASES: Readonly<Record<string, DayRef>> = wordTable({
  today: 'today',
  todays: 'today',
  tonight: 'today@night',
  tonights: 'today@night',
  'this morning': 'today@morning',
  'this afternoon': 'today@afternoon',
  'this evening': 'today@evening',
  'later today': 'today',
  tomorrow: 'tomorrow',
  tomorrows: 'tomorrow',
  'tomorrow morning': 'tomorrow@morning',
  'tomorrow afternoon': 'tomorrow@afternoon',
  'tomorrow evening': 'tomorrow@evening',
  'tomorrow night': 'tomorrow@night',
  'the day after tomorrow': 'day-after-tomorrow',
  'day after tomorrow': 'day-after-tomorrow',
  'this weekend': 'weekend',
  'the weekend': 'weekend',
  'over the weekend': 'weekend',
  'this coming weekend': 'weekend',
});

const DAY_PARTS: Readonly<Record<string, DayPart>> = wordTable({
  morning: 'morning',
  afternoon: 'afternoon',
  evening: 'evening',
  night: 'night',
});

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_OF_MONTH = /^(\d{1,2})(st|nd|rd|th)?$/;
const YEAR = /^\d{4}$/;

/** "24", "24th", "twenty fourth", "first". */
function dayOfMonthAt(
  tokens: readonly string[],
  at: number,
  end: number,
): { day: number; next: number } | null {
  const word = tokens[at];
  if (word === undefined || at >= end) return null;
  const digits = DAY_OF_MONTH.exec(word);
  if (digits) return { day: Number(digits[1]), next: at + 1 };
  const tens = word === 'twenty' ? 20 : word === 'thirty' ? 30 : 0;
  const unit = tens > 0 && at + 1 < end ? ORDINAL_WORDS[tokens[at + 1]!] : undefined;
  if (unit !== undefined && unit < 10) return { day: tens + unit, next: at + 2 };
  const ordinal = ORDINAL_WORDS[word];
  return ordinal === undefined ? null : { day: ordinal, next: at + 1 };
}

function monthDayRef(month: number, day: number, year: string | undefined): DayRef | null {
  const monthDay = `${pad2(month)}-${pad2(day)}`;
  if (year !== undefined) {
    const iso = `${year}-${monthDay}`;
    return isValidIsoDate(iso) ? iso : null;
  }
  // 2024 is a leap year, so this accepts Feb 29 and rejects Feb 30 or Apr 31.
  return isValidIsoDate(`2024-${monthDay}`) ? `--${monthDay}` : null;
}

/** Optional trailing year: exactly the rest of the slice, or nothing. */
function yearAt(tokens: readonly string[], at: number, end: number): string | undefined | null {
  if (at === end) return undefined;
  return at + 1 === end && YEAR.test(tokens[at]!) ? tokens[at] : null;
}

/** "december 24th [2026]", "december the 24th". */
function parseMonthFirst(tokens: readonly string[], start: number, end: number): DayRef | null {
  const month = MONTHS[tokens[start]!];
  if (month === undefined) return null;
  const dayAt = tokens[start + 1] === 'the' ? start + 2 : start + 1;
  const day = dayOfMonthAt(tokens, dayAt, end);
  const year = day ? yearAt(tokens, day.next, end) : null;
  return day && year !== null ? monthDayRef(month, day.day, year) : null;
}

/** "[the] 24th [of] december [2026]", or "the 1st" alone (a day of this or next month). */
function parseDayFirst(tokens: readonly string[], start: number, end: number): DayRef | null {
  const day = dayOfMonthAt(tokens, tokens[start] === 'the' ? start + 1 : start, end);
  if (!day) return null;
  if (day.next === end && tokens[start] === 'the') return day.day <= 31 ? `---${pad2(day.day)}` : null;
  const monthAt = tokens[day.next] === 'of' ? day.next + 1 : day.next;
  const month = MONTHS[tokens[monthAt] ?? ''];
  const year = yearAt(tokens, monthAt + 1, end);
  return month !== undefined && monthAt < end && year !== null ? monthDayRef(month, day.day, year) : null;
}

/** "monday", "this monday", "next monday", "friday evening". */
function parseWeekday(tokens: readonly string[], start: number, end: number): DayRef | null {
  const at = tokens[start] === 'this' || tokens[start] === 'next' ? start + 1 : start;
  const code = WEEKDAY_NAMES[tokens[at] ?? ''];
  if (code === undefined) return null;
  if (at + 1 === end) return code;
  const part = DAY_PARTS[tokens[at + 1] ?? ''];
  return part !== undefined && at + 2 === end ? `${code}@${part}` : null;
}

/** Strict parse of exactly tokens[start, end) as a day, with an optional leading "on". */
export function parseDaySlice(tokens: readonly string[], start: number, end: number): DayRef | null {
  const from = tokens[start] === 'on' ? start + 1 : start;
  if (from >= end) return null;
  const first = tokens[from]!;
  if (ISO_DATE.test(first)) return from + 1 === end && isValidIsoDate(first) ? first : null;
  const relative = RELATIVE_PHRASES[tokens.slice(from, end).join(' ')];
  if (relative !== undefined) return from === start ? relative : null;
  return (
    parseWeekday(tokens, from, end) ?? parseMonthFirst(tokens, from, end) ?? parseDayFirst(tokens, from, end)
  );
}

const DAY_PHRASE_STARTS = new Set([
  'on',
  'the',
  'this',
  'next',
  'later',
  'day',
  'over',
  'twenty',
  'thirty',
  ...Object.keys(RELATIVE_PHRASES).map((phrase) => phrase.split(' ')[0]!),
]);

function mayStartDay(word: string | undefined): boolean {
  if (word === undefined) return false;
  return (
    /^\d/.test(word) ||
    word in WEEKDAY_NAMES ||
    word in MONTHS ||
    word in ORDINAL_WORDS ||
    DAY_PHRASE_STARTS.has(word)
  );
}

/** Day spans starting at `start`, longest first. */
export function daySpans(tokens: readonly string[], start: number): Span<DayRef>[] {
  return mayStartDay(tokens[start]) ? spansOf(tokens, start, 6, parseDaySlice) : [];
}

/** "on december 24th" -> "--12-24", "tomorrow" -> "tomorrow"; null unless the whole text is a day. */
export function parseDay(text: string): DayRef | null {
  return parseWhole(tokenizeWords(text), parseDaySlice);
}

/** A day reference -> ISO date, given the user's local date; null when it cannot be resolved. */
export function resolveDay(said: DayRef, today: string | undefined): string | null {
  const ref = splitDayRef(said).day;
  if (ISO_DATE.test(ref)) return ref;
  if (today === undefined) return null;
  if (ref === 'today') return today;
  if (ref === 'tomorrow') return addDays(today, 1);
  if (ref === 'day-after-tomorrow') return addDays(today, 2);
  if (ref === 'weekend') return upcomingWeekend(today);
  if (ref.startsWith('---')) return nextDayOfMonth(today, Number(ref.slice(3)));
  if (ref.startsWith('--')) return nextMonthDay(today, ref);
  return (WEEKDAY_CODES as readonly string[]).includes(ref) ? nextWeekday(today, ref as WeekdayCode) : null;
}

/** Today when it is Saturday or Sunday, else the coming Saturday. */
function upcomingWeekend(today: string): string | null {
  const weekday = weekdayOf(today);
  if (weekday === null) return null;
  return weekday === 'sat' || weekday === 'sun' ? today : nextWeekday(today, 'sat');
}
