import { tokenizeWords } from '../normalize.js';
import { wordTable } from '../word-table.js';
import { WEEKDAY_CODES, type WeekdayCode } from './calendar.js';
import { WEEKDAY_NAMES } from './days.js';
import { parseWhole, type Span, spansOf } from './span.js';

/**
 * Repeat rules for alarms, in the catalogue's form: "daily", "weekdays", "weekends", or
 * days in week order ("mon,wed"). "every day", "on weekdays", "on saturdays",
 * "every monday and wednesday", "monday to friday".
 */

const FIXED_RULES: Readonly<Record<string, string>> = wordTable({
  daily: 'daily',
  everyday: 'daily',
  'every day': 'daily',
  'each day': 'daily',
  'every single day': 'daily',
  'every morning': 'daily',
  'every evening': 'daily',
  'every night': 'daily',
  weekdays: 'weekdays',
  /** As an adjective only: "a weekday alarm", "weekend alarms". */
  weekday: 'weekdays',
  weekend: 'weekends',
  'on weekdays': 'weekdays',
  'every workday': 'weekdays',
  'every work day': 'weekdays',
  'on workdays': 'weekdays',
  'on work days': 'weekdays',
  'on school days': 'weekdays',
  'every weekday': 'weekdays',
  'each weekday': 'weekdays',
  'during the week': 'weekdays',
  'monday to friday': 'weekdays',
  'monday through friday': 'weekdays',
  'mondays to fridays': 'weekdays',
  'from monday to friday': 'weekdays',
  weekends: 'weekends',
  'on weekends': 'weekends',
  'at weekends': 'weekends',
  'every weekend': 'weekends',
  'each weekend': 'weekends',
  'on the weekends': 'weekends',
});

const PLURAL_WEEKDAYS: Readonly<Record<string, WeekdayCode>> = wordTable(
  Object.fromEntries(Object.entries(WEEKDAY_NAMES).map(([name, code]) => [`${name}s`, code])),
);

const WEEK_ORDER: readonly WeekdayCode[] = [...WEEKDAY_CODES.slice(1), 'sun'];

/** Days in week order, collapsed to "daily", "weekdays" or "weekends" when they are exactly that. */
export function canonicalRepeat(days: readonly WeekdayCode[]): string {
  const ordered = WEEK_ORDER.filter((code) => days.includes(code));
  const joined = ordered.join(',');
  if (ordered.length === 7) return 'daily';
  if (joined === 'mon,tue,wed,thu,fri') return 'weekdays';
  if (joined === 'sat,sun') return 'weekends';
  return joined;
}

/**
 * "every monday and wednesday", "every monday and every friday", "on saturdays",
 * "mondays and wednesdays". After "on" days must be plural: "on saturday" is one date.
 */
function parseDayList(tokens: readonly string[], start: number, end: number): string | null {
  const lead = tokens[start];
  const singularAllowed = lead === 'every' || lead === 'each';
  let at = singularAllowed || lead === 'on' ? start + 1 : start;
  const days: WeekdayCode[] = [];
  while (at < end) {
    if (days.length > 0 && tokens[at] === 'and') at++;
    if (days.length > 0 && singularAllowed && tokens[at] === 'every') at++;
    const word = tokens[at] ?? '';
    const code = PLURAL_WEEKDAYS[word] ?? (singularAllowed ? WEEKDAY_NAMES[word] : undefined);
    if (code === undefined || at >= end) return null;
    days.push(code);
    at++;
  }
  return days.length > 0 ? canonicalRepeat(days) : null;
}

/** Strict parse of exactly tokens[start, end) as a repeat rule. */
export function parseRepeatSlice(tokens: readonly string[], start: number, end: number): string | null {
  const fixed = FIXED_RULES[tokens.slice(start, end).join(' ')];
  return fixed ?? parseDayList(tokens, start, end);
}

const REPEAT_START = new Set([
  'daily',
  'everyday',
  'every',
  'each',
  'on',
  'at',
  'during',
  'from',
  'weekdays',
  'weekday',
  'weekends',
  'weekend',
  'monday',
  'mondays',
]);

function mayStartRepeat(word: string | undefined): boolean {
  return word !== undefined && (REPEAT_START.has(word) || word in PLURAL_WEEKDAYS);
}

/** Repeat rule spans starting at `start`, longest first. */
export function repeatSpans(tokens: readonly string[], start: number): Span<string>[] {
  return mayStartRepeat(tokens[start]) ? spansOf(tokens, start, 12, parseRepeatSlice) : [];
}

/** "every monday and wednesday" -> "mon,wed"; null unless the whole text is a repeat rule. */
export function parseRepeat(text: string): string | null {
  return parseWhole(tokenizeWords(text), parseRepeatSlice);
}
