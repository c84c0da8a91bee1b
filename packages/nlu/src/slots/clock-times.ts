import { tokenizeWords } from '../normalize.js';
import { wordTable } from '../word-table.js';
import { parseWordInteger, TEEN_WORDS, UNIT_WORDS } from './numbers.js';
import { parseWhole, type Span, spansOf } from './span.js';

/**
 * Clock times -> "HH:MM" (24 h): "6:30 am", "18:45", "0630", "half past six", "quarter to
 * eight", "ten of seven" (American: 6:50), "half seven" (British: 7:30), "7 in the morning",
 * "noon", "12 midnight", "7 pm", "seven thirty", "seven oh five", "7 o'clock" (also heard as
 * "7 a clock"). A bare hour without am/pm stays as said ("7" -> "07:00"); the skill owns
 * that ambiguity.
 */

type Meridiem = 'am' | 'pm' | 'night';

interface ClockCore {
  hour: number;
  minute: number;
  next: number;
  /** The hour was said on a 12 h dial (1-12), so am/pm may follow. */
  twelveHour: boolean;
}

const MERIDIEM_PHRASES: readonly (readonly [readonly string[], Meridiem])[] = [
  [['am'], 'am'],
  [['pm'], 'pm'],
  [['a', 'm'], 'am'],
  [['p', 'm'], 'pm'],
  [['in', 'the', 'morning'], 'am'],
  [['this', 'morning'], 'am'],
  [['in', 'the', 'afternoon'], 'pm'],
  [['this', 'afternoon'], 'pm'],
  [['in', 'the', 'evening'], 'pm'],
  [['this', 'evening'], 'pm'],
  [['tonight'], 'pm'],
  [['at', 'night'], 'night'],
];

const FIXED_TIMES: Readonly<Record<string, [number, number]>> = wordTable({
  noon: [12, 0],
  midday: [12, 0],
  midnight: [0, 0],
});

const RELATIVE_WORDS: Readonly<Record<string, 'past' | 'to'>> = wordTable({
  past: 'past',
  after: 'past',
  to: 'to',
  before: 'to',
  till: 'to',
  til: 'to',
  of: 'to',
});

const HOUR_MINUTE = /^(\d{1,2})[:.](\d{2})$/;
/** "0630": four digits only with the leading zero, so a year ("2026") is never a time. */
const ZERO_HOUR_MINUTE = /^(0\d)(\d{2})$/;
const DIGITS = /^\d{1,2}$/;

function meridiemAt(
  tokens: readonly string[],
  at: number,
  end: number,
): { meridiem: Meridiem; next: number } | null {
  for (const [phrase, meridiem] of MERIDIEM_PHRASES) {
    if (at + phrase.length <= end && phrase.every((word, i) => tokens[at + i] === word)) {
      return { meridiem, next: at + phrase.length };
    }
  }
  return null;
}

/** An hour as said: digits 0-23, or a word one-twelve. */
function hourAt(tokens: readonly string[], at: number): { hour: number; twelveHour: boolean } | null {
  const word = tokens[at];
  if (word === undefined) return null;
  if (DIGITS.test(word)) {
    const hour = Number(word);
    return hour <= 23 ? { hour, twelveHour: hour >= 1 && hour <= 12 } : null;
  }
  const spoken = UNIT_WORDS[word] ?? TEEN_WORDS[word];
  return spoken !== undefined && spoken >= 1 && spoken <= 12 ? { hour: spoken, twelveHour: true } : null;
}

/** Minutes after an hour: "30", "05", "thirty", "forty five", "oh five"; never a lone "five". */
function minutesAfterHour(
  tokens: readonly string[],
  at: number,
  end: number,
): { minute: number; next: number }[] {
  const word = tokens[at];
  if (word === undefined || at >= end) return [];
  if (/^\d{2}$/.test(word)) return Number(word) <= 59 ? [{ minute: Number(word), next: at + 1 }] : [];
  if ((word === 'oh' || word === 'o') && at + 1 < end) {
    const digit = UNIT_WORDS[tokens[at + 1]!];
    return digit !== undefined && digit > 0 ? [{ minute: digit, next: at + 2 }] : [];
  }
  const options: { minute: number; next: number }[] = [];
  for (let stop = Math.min(end, at + 2); stop > at; stop--) {
    const parsed = parseWordInteger(tokens, at, stop);
    if (parsed && parsed.next === stop && parsed.value >= 10 && parsed.value <= 59) {
      options.push({ minute: parsed.value, next: stop });
    }
  }
  return options;
}

/** "o'clock", and the same heard as two words ("o clock", "a clock"). */
function oClockEnd(tokens: readonly string[], at: number): number | null {
  if (tokens[at] === "o'clock") return at + 1;
  return (tokens[at] === 'o' || tokens[at] === 'a') && tokens[at + 1] === 'clock' ? at + 2 : null;
}

function hourFirstCores(tokens: readonly string[], start: number, end: number): ClockCore[] {
  const colon = HOUR_MINUTE.exec(tokens[start] ?? '') ?? ZERO_HOUR_MINUTE.exec(tokens[start] ?? '');
  if (colon) {
    const hour = Number(colon[1]);
    const minute = Number(colon[2]);
    if (hour > 23 || minute > 59) return [];
    return [{ hour, minute, next: start + 1, twelveHour: hour >= 1 && hour <= 12 }];
  }
  const hour = hourAt(tokens, start);
  if (!hour) return [];
  const cores: ClockCore[] = [{ ...hour, minute: 0, next: start + 1 }];
  const oClock = oClockEnd(tokens, start + 1);
  if (oClock !== null) cores.push({ ...hour, minute: 0, next: oClock });
  for (const { minute, next } of minutesAfterHour(tokens, start + 1, end)) {
    cores.push({ ...hour, minute, next });
  }
  return cores;
}

/** "half past six", "quarter to eight", "ten past 6", "twenty five minutes to nine". */
function relativeCores(tokens: readonly string[], start: number, end: number): ClockCore[] {
  let at = tokens[start] === 'a' && tokens[start + 1] === 'quarter' ? start + 1 : start;
  let minutes: number | null = null;
  if (tokens[at] === 'half') minutes = 30;
  else if (tokens[at] === 'quarter') minutes = 15;
  else {
    const word = tokens[at]!;
    const parsed = DIGITS.test(word)
      ? { value: Number(word), next: at + 1 }
      : parseWordInteger(tokens, at, end);
    if (parsed && parsed.value >= 1 && parsed.value <= 29) {
      minutes = parsed.value;
      at = parsed.next - 1;
      if (tokens[at + 1] === 'minutes' || tokens[at + 1] === 'minute') at++;
    }
  }
  const direction = RELATIVE_WORDS[tokens[at + 1] ?? ''];
  const hour = hourAt(tokens, at + 2);
  if (minutes === 30 && !direction) return britishHalfCore(tokens, at);
  if (minutes === null || !direction || !hour) return [];
  if (direction === 'past') return [{ ...hour, minute: minutes, next: at + 3 }];
  const previousHour = hour.twelveHour ? ((hour.hour + 10) % 12) + 1 : (hour.hour + 23) % 24;
  return [{ hour: previousHour, minute: 60 - minutes, next: at + 3, twelveHour: hour.twelveHour }];
}

/** "half seven" is 7:30 in British English (never 6:30). */
function britishHalfCore(tokens: readonly string[], halfAt: number): ClockCore[] {
  const hour = hourAt(tokens, halfAt + 1);
  return hour && tokens[halfAt] === 'half' ? [{ ...hour, minute: 30, next: halfAt + 2 }] : [];
}

function applyMeridiem(hour: number, meridiem: Meridiem): number {
  if (meridiem === 'am') return hour % 12;
  if (meridiem === 'pm') return (hour % 12) + 12;
  // "at night": late evening hours are pm, "12 at night" is midnight, small hours stay am.
  return hour >= 6 && hour <= 11 ? hour + 12 : hour % 12;
}

function format(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** Strict parse of exactly tokens[start, end) as a clock time. */
export function parseClockTimeSlice(tokens: readonly string[], start: number, end: number): string | null {
  // "12 noon", "twelve midnight": the number only repeats the word.
  const named =
    (tokens[start] === '12' || tokens[start] === 'twelve') && end === start + 2 ? start + 1 : start;
  const fixed = FIXED_TIMES[tokens[named] ?? ''];
  if (fixed) return end === named + 1 ? format(fixed[0], fixed[1]) : null;
  const cores = [...hourFirstCores(tokens, start, end), ...relativeCores(tokens, start, end)];
  for (const core of cores) {
    if (core.next === end) return format(core.hour, core.minute);
    const suffix = meridiemAt(tokens, core.next, end);
    if (suffix && suffix.next === end && core.twelveHour) {
      return format(applyMeridiem(core.hour, suffix.meridiem), core.minute);
    }
  }
  return null;
}

const CLOCK_START = /^(\d{1,2}([:.]\d{2})?|0\d{3}|noon|midday|midnight|half|quarter|a)$/;

function mayStartClockTime(word: string | undefined): boolean {
  return (
    word !== undefined &&
    (CLOCK_START.test(word) || word in UNIT_WORDS || word in TEEN_WORDS || word === 'twenty')
  );
}

/** Clock time spans starting at `start`, longest first. */
export function clockTimeSpans(tokens: readonly string[], start: number): Span<string>[] {
  return mayStartClockTime(tokens[start]) ? spansOf(tokens, start, 8, parseClockTimeSlice) : [];
}

/** "quarter to eight" -> "07:45"; null unless the whole text is a clock time. */
export function parseClockTime(text: string): string | null {
  return parseWhole(tokenizeWords(text), parseClockTimeSlice);
}
