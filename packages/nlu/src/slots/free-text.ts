import { tokenizeWords } from '../normalize.js';
import { containsAnyOf } from '../token-phrases.js';
import { clockTimeSpans } from './clock-times.js';
import { daySpans, WEEKDAY_NAMES } from './days.js';
import { durationSpans } from './durations.js';
import { NOT_USER_LISTS } from './list-names.js';
import { numberSpans } from './numbers.js';
import { isPlace, isPlaceBeforeNoun } from './places.js';
import type { Span } from './span.js';
import { WHEN_WORDS } from './when-words.js';

/**
 * Free-text captures (timer names, list items, reminder text, locations, labels). The
 * template words around a capture bound it; each kind adds a length cap and a check that
 * keeps it from swallowing words that belong to another slot or another meaning.
 */

export interface FreeTextKind {
  maxTokens: number;
  /** Joining words this kind may still start with ("to do" is a list name). */
  mayStartWith?: ReadonlySet<string>;
  /** Extra check on where the capture starts, once per start. */
  mayStartAt?: (tokens: readonly string[], start: number) => boolean;
  /** Extra check on tokens[start, end); the shared edge-word check always applies. */
  accept?: (tokens: readonly string[], start: number, end: number) => boolean;
  /** Ends the capture may not have, computed once per start (cheaper than `accept` per end). */
  forbiddenEnds?: (tokens: readonly string[], start: number, last: number) => ReadonlySet<number>;
}

/** A capture never starts or ends on a joining word: "eggs and" is not an item, "to the pasta" no name. */
const NEVER_AT_START = new Set(['and', 'or', 'but', 'to', 'from', 'for', 'of', 'off', 'by', 'with']);
const NEVER_AT_END = new Set(['and', 'or', 'but', 'the', 'a', 'an', 'my', 'to', 'of']);

const spansEndAt = (spans: Span<unknown>[], end: number): boolean => spans.some((span) => span.end === end);

/** "every day", "daily": a repeating reminder, which the catalogue cannot carry. */
const REPEAT_MARKERS = new Set(['daily', 'hourly', 'weekly', 'monthly', 'nightly', 'yearly']);
const REPEAT_AFTER_EVERY = new Set([
  'day',
  'morning',
  'evening',
  'night',
  'week',
  'month',
  'year',
  'hour',
  'minute',
  'other',
  'weekday',
  ...Object.keys(WEEKDAY_NAMES),
]);

function isRepeatAt(tokens: readonly string[], at: number): boolean {
  const word = tokens[at]!;
  if (REPEAT_MARKERS.has(word)) return true;
  return (word === 'every' || word === 'each') && REPEAT_AFTER_EVERY.has(tokens[at + 1] ?? '');
}

/**
 * Reminder text must not hide its own time ("call mom at 5 pm", "call mom in 10 minutes",
 * "call mom tomorrow"): when such a time cannot be resolved, no match beats a reminder
 * that silently drops it. A clock time or a delay said inside the text ("take my pills at
 * 9 pm every day") or a repeat ("stretch every hour") rules out every end after it: that
 * reminder is not one the catalogue can create. Returns the ends the text may not have.
 */
function endsOfWhenPhrases(tokens: readonly string[], start: number, last: number): Set<number> {
  const ends = new Set<number>();
  const forbidFrom = (from: number) => {
    for (let end = from; end <= last; end++) ends.add(end);
  };
  const collect = (spans: Span<unknown>[], beyond: boolean) => {
    for (const span of spans) {
      if (span.end > last) continue;
      if (beyond) forbidFrom(span.end);
      else ends.add(span.end);
    }
  };
  for (let i = start + 1; i < last; i++) {
    const word = tokens[i];
    if (word === 'at' || word === 'by') collect(clockTimeSpans(tokens, i + 1), true);
    if (word === 'in') collect([...durationSpans(tokens, i + 1), ...numberSpans(tokens, i + 1)], true);
    if (isRepeatAt(tokens, i)) forbidFrom(i + 1);
    collect(daySpans(tokens, i), false);
  }
  return ends;
}

/** "2 hours from now to check the car" is a delay, then the text. */
const TIME_UNITS = new Set([
  'second',
  'seconds',
  'minute',
  'minutes',
  'hour',
  'hours',
  'day',
  'days',
  'week',
  'weeks',
]);

/** A reminder's text says what, not when, and is not a question: "remind me why I came in here". */
const QUESTION_WORDS = new Set([
  'why',
  'what',
  'who',
  'how',
  'where',
  'which',
  'when',
  'whose',
  'whom',
  'if',
  'whether',
]);

/** The tail of a clock time cut off from its hour ("for 3 | pm"): never the start of what to remind. */
const CLOCK_TAILS = new Set(['am', 'pm', 'oclock', "o'clock"]);

function startsLikeReminderText(tokens: readonly string[], start: number): boolean {
  const first = tokens[start]!;
  if (QUESTION_WORDS.has(first) || isRepeatAt(tokens, start) || TIME_UNITS.has(first)) return false;
  if (CLOCK_TAILS.has(first)) return false;
  if ((first === 'in' || first === 'after') && durationSpans(tokens, start + 1).length > 0) return false;
  if ((first === 'at' || first === 'by') && clockTimeSpans(tokens, start + 1).length > 0) return false;
  return daySpans(tokens, start).length === 0 && clockTimeSpans(tokens, start).length === 0;
}

/** Words that pick or create a timer or alarm rather than name it: "set another timer", "the next alarm". */
const SELECTION_WORDS = [
  'new',
  'another',
  'next',
  'other',
  'first',
  'second',
  'third',
  'last',
  'one',
  'same',
  'paused',
  'running',
  'current',
  'active',
];
const REQUEST_VERBS = ['set', 'start', 'create', 'make', 'begin', 'add', 'wake', 'wakeup', 'up'];
/** Verbs that act on a timer: "cancel timer 10 minutes" names no timer "cancel". */
const TIMER_CONTROL_VERBS = ['cancel', 'stop', 'pause', 'resume', 'delete', 'remove', 'kill', 'end', 'reset'];
const TIMER_NAME_EXCLUDED = new Set([
  'timer',
  'timers',
  'all',
  'every',
  'both',
  'countdown',
  ...SELECTION_WORDS,
  ...REQUEST_VERBS,
  ...TIMER_CONTROL_VERBS,
]);
const DAY_PARTS_AS_NAMES = new Set(['morning', 'afternoon', 'evening', 'night']);

/** Alarms that are devices, not the user's alarm clock: "turn off the car alarm". */
const LABEL_EXCLUDED = new Set([
  'alarm',
  'alarms',
  'car',
  'fire',
  'smoke',
  'burglar',
  'security',
  'house',
  'intruder',
  'panic',
  'all',
  ...SELECTION_WORDS,
  ...REQUEST_VERBS,
  // A day is the alarm's date, not its name; a part of the day is a fine name ("my morning alarm").
  ...[...WHEN_WORDS].filter((word) => !DAY_PARTS_AS_NAMES.has(word)),
]);
/** An item is a thing to buy or do, never a person: "add me to the guest list". */
const ITEM_EXCLUDED = new Set([
  'list',
  'me',
  'us',
  'him',
  'her',
  'them',
  'myself',
  'you',
  'it',
  'this',
  'that',
]);
const LIST_EXCLUDED = new Set(['list', 'my', 'the', 'a', 'your']);

const isOnlyNumber = (tokens: readonly string[], start: number, end: number): boolean =>
  spansEndAt(numberSpans(tokens, start), end);

const isOnlyDuration = (tokens: readonly string[], start: number, end: number): boolean =>
  spansEndAt(durationSpans(tokens, start), end);

export const FREE_TEXT_KINDS = {
  name: {
    maxTokens: 4,
    accept: (tokens, start, end) =>
      !containsAnyOf(tokens, start, end, TIMER_NAME_EXCLUDED) &&
      !isOnlyNumber(tokens, start, end) &&
      !isOnlyDuration(tokens, start, end),
  },
  label: {
    maxTokens: 5,
    accept: (tokens, start, end) =>
      !containsAnyOf(tokens, start, end, LABEL_EXCLUDED) && !isOnlyNumber(tokens, start, end),
  },
  /** Several items are one capture ("eggs, milk and bread"), joined by ", " when the match is accepted. */
  item: { maxTokens: 16, accept: (tokens, start, end) => !containsAnyOf(tokens, start, end, ITEM_EXCLUDED) },
  list: {
    maxTokens: 3,
    mayStartWith: new Set(['to']),
    accept: (tokens, start, end) =>
      !containsAnyOf(tokens, start, end, LIST_EXCLUDED) &&
      !NOT_USER_LISTS.has(tokens.slice(start, end).join(' ')),
  },
  text: { maxTokens: 30, mayStartAt: startsLikeReminderText, forbiddenEnds: endsOfWhenPhrases },
  /** What a reminder is about when listing or cancelling: it may mention its time. */
  topic: { maxTokens: 12 },
  location: { maxTokens: 5, accept: isPlace },
  /** A place said before the noun it qualifies ("the paris weather"), where adjectives also fit. */
  location_before: { maxTokens: 3, accept: isPlaceBeforeNoun },
} as const satisfies Record<string, FreeTextKind>;

export type FreeTextKindName = keyof typeof FREE_TEXT_KINDS;

/** Candidate captures starting at `start`, shortest first, each joined into one string. */
export function freeTextSpans(tokens: readonly string[], start: number, kind: FreeTextKind): Span<string>[] {
  const spans: Span<string>[] = [];
  const first = tokens[start] ?? 'and';
  if (NEVER_AT_START.has(first) && !kind.mayStartWith?.has(first)) return spans;
  if (kind.mayStartAt && !kind.mayStartAt(tokens, start)) return spans;
  const last = Math.min(tokens.length, start + kind.maxTokens);
  const forbidden = kind.forbiddenEnds?.(tokens, start, last);
  for (let end = start + 1; end <= last; end++) {
    if (NEVER_AT_END.has(tokens[end - 1]!) || forbidden?.has(end)) continue;
    if (kind.accept && !kind.accept(tokens, start, end)) continue;
    spans.push({ end, value: tokens.slice(start, end).join(' ') });
  }
  return spans;
}

/** The capture a kind would take from the whole text, or null when the kind rejects it. */
export function parseFreeText(text: string, kind: FreeTextKindName): string | null {
  const tokens = tokenizeWords(text);
  const whole = freeTextSpans(tokens, 0, FREE_TEXT_KINDS[kind]).find((span) => span.end === tokens.length);
  return whole ? whole.value : null;
}
