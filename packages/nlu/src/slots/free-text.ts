import { tokenizeWords } from '../normalize.js';
import { clockTimeSpans } from './clock-times.js';
import { daySpans, WEEKDAY_NAMES } from './days.js';
import { durationSpans } from './durations.js';
import { numberSpans } from './numbers.js';
import type { Span } from './span.js';

/**
 * Free-text captures (timer names, list items, reminder text, locations, labels). The
 * template words around a capture bound it; each kind adds a length cap and a check that
 * keeps it from swallowing words that belong to another slot or another meaning.
 */

export interface FreeTextKind {
  maxTokens: number;
  /** Joining words this kind may still start with ("to do" is a list name). */
  mayStartWith?: ReadonlySet<string>;
  /** Extra check on tokens[start, end); the shared edge-word check always applies. */
  accept?: (tokens: readonly string[], start: number, end: number) => boolean;
  /** Ends the capture may not have, computed once per start (cheaper than `accept` per end). */
  forbiddenEnds?: (tokens: readonly string[], start: number, last: number) => ReadonlySet<number>;
}

/** A capture never starts or ends on a joining word: "eggs and" is not an item, "to the pasta" no name. */
const NEVER_AT_START = new Set(['and', 'or', 'but', 'to', 'from', 'for', 'of', 'off', 'by', 'with']);
const NEVER_AT_END = new Set(['and', 'or', 'but', 'the', 'a', 'an', 'my', 'to', 'of']);

/** Words that say when, not what or where: they belong to day and time slots. */
const WHEN_WORDS = new Set([
  'today',
  'tonight',
  'tomorrow',
  'now',
  'later',
  'weekend',
  'morning',
  'afternoon',
  'evening',
  'night',
  ...Object.keys(WEEKDAY_NAMES),
]);

/** A place name has no pronouns or verbs: "is it cold in here", "the weather in paris is nice". */
const NOT_IN_PLACE_NAMES = new Set([
  'here',
  'there',
  'it',
  'this',
  'that',
  'you',
  'me',
  'i',
  'is',
  'are',
  'was',
  'be',
  'will',
  'do',
  'does',
]);

/** Not on Earth, so no weather or local time to look up: these go to the conversational path. */
const OFF_EARTH = new Set([
  'mars',
  'moon',
  'venus',
  'jupiter',
  'saturn',
  'mercury',
  'neptune',
  'uranus',
  'pluto',
]);
const OFF_EARTH_PHRASES = new Set(['the sun', 'space', 'outer space', 'the moon']);

function contains(
  tokens: readonly string[],
  start: number,
  end: number,
  words: ReadonlySet<string>,
): boolean {
  for (let i = start; i < end; i++) if (words.has(tokens[i]!)) return true;
  return false;
}

const spansEndAt = (spans: Span<unknown>[], end: number): boolean => spans.some((span) => span.end === end);

/**
 * Reminder text must not hide its own time ("call mom at 5 pm", "call mom in 10 minutes",
 * "call mom tomorrow"): when such a time cannot be resolved, no match beats a reminder
 * that silently drops it. Returns every end at which a when-phrase inside the text ends.
 */
function endsOfWhenPhrases(tokens: readonly string[], start: number, last: number): Set<number> {
  const ends = new Set<number>();
  const collect = (spans: Span<unknown>[]) => {
    for (const span of spans) if (span.end <= last) ends.add(span.end);
  };
  for (let i = start + 1; i < last; i++) {
    const word = tokens[i];
    if (word === 'at' || word === 'by') collect(clockTimeSpans(tokens, i + 1));
    if (word === 'in') collect(durationSpans(tokens, i + 1));
    collect(daySpans(tokens, i));
  }
  return ends;
}

const TIMER_NAME_EXCLUDED = new Set(['timer', 'timers', 'all']);
const LABEL_EXCLUDED = new Set(['alarm', 'alarms']);
const ITEM_EXCLUDED = new Set(['list']);
const LIST_EXCLUDED = new Set(['list', 'my', 'the', 'a']);

const isOnlyNumber = (tokens: readonly string[], start: number, end: number): boolean =>
  spansEndAt(numberSpans(tokens, start), end);

export const FREE_TEXT_KINDS = {
  name: {
    maxTokens: 4,
    accept: (tokens, start, end) =>
      !contains(tokens, start, end, TIMER_NAME_EXCLUDED) && !isOnlyNumber(tokens, start, end),
  },
  label: { maxTokens: 5, accept: (tokens, start, end) => !contains(tokens, start, end, LABEL_EXCLUDED) },
  item: { maxTokens: 8, accept: (tokens, start, end) => !contains(tokens, start, end, ITEM_EXCLUDED) },
  list: {
    maxTokens: 3,
    mayStartWith: new Set(['to']),
    accept: (tokens, start, end) => !contains(tokens, start, end, LIST_EXCLUDED),
  },
  text: { maxTokens: 30, forbiddenEnds: endsOfWhenPhrases },
  /** What a reminder is about when listing or cancelling: it may mention its time. */
  topic: { maxTokens: 12 },
  location: {
    maxTokens: 5,
    accept: (tokens, start, end) => {
      if (contains(tokens, start, end, WHEN_WORDS) || contains(tokens, start, end, OFF_EARTH)) return false;
      if (contains(tokens, start, end, NOT_IN_PLACE_NAMES)) return false;
      return !OFF_EARTH_PHRASES.has(tokens.slice(start, end).join(' '));
    },
  },
} as const satisfies Record<string, FreeTextKind>;

export type FreeTextKindName = keyof typeof FREE_TEXT_KINDS;

/** Candidate captures starting at `start`, shortest first, each joined into one string. */
export function freeTextSpans(tokens: readonly string[], start: number, kind: FreeTextKind): Span<string>[] {
  const spans: Span<string>[] = [];
  const first = tokens[start] ?? 'and';
  if (NEVER_AT_START.has(first) && !kind.mayStartWith?.has(first)) return spans;
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
