import { tokenizeWords } from '../normalize.js';
import { wordTable } from '../word-table.js';
import { numberSpans } from './numbers.js';
import type { Span } from './span.js';

/**
 * Durations in whole seconds: "an hour and a half", "two and a half minutes",
 * "a quarter of an hour", "half an hour", "1/2 an hour", "1 1/2 hours", "1 hour 20 minutes
 * and 10 seconds", "5 min", "90 sec", "90s" and "1h30m" (normalised to "90 s", "1 h 30 m"),
 * "5 more minutes", "a couple of minutes", "a fortnight".
 */

export const SECONDS_PER_UNIT: Readonly<Record<string, number>> = wordTable({
  second: 1,
  seconds: 1,
  sec: 1,
  secs: 1,
  s: 1,
  minute: 60,
  minutes: 60,
  min: 60,
  mins: 60,
  m: 60,
  hour: 3600,
  hours: 3600,
  hr: 3600,
  hrs: 3600,
  h: 3600,
  day: 86_400,
  days: 86_400,
  week: 604_800,
  weeks: 604_800,
  wk: 604_800,
  wks: 604_800,
  fortnight: 1_209_600,
  fortnights: 1_209_600,
});

const QUARTER_COUNTS: Readonly<Record<string, number>> = wordTable({ a: 1, one: 1, three: 3 });

interface Component {
  seconds: number;
  unitSeconds: number;
  next: number;
}

function unitAt(tokens: readonly string[], at: number): number | undefined {
  const word = tokens[at];
  return word === undefined ? undefined : SECONDS_PER_UNIT[word];
}

function skipArticle(tokens: readonly string[], at: number): number {
  return tokens[at] === 'a' || tokens[at] === 'an' ? at + 1 : at;
}

/** "half an hour", "half hour", "a half hour". */
function parseHalfOf(tokens: readonly string[], at: number): Component | null {
  const halfAt = tokens[at] === 'a' && tokens[at + 1] === 'half' ? at + 1 : at;
  if (tokens[halfAt] !== 'half') return null;
  const unitIndex = skipArticle(tokens, halfAt + 1);
  const unit = unitAt(tokens, unitIndex);
  return unit === undefined ? null : { seconds: unit / 2, unitSeconds: unit, next: unitIndex + 1 };
}

/** "a quarter of an hour", "quarter hour", "three quarters of an hour". */
function parseQuarterOf(tokens: readonly string[], at: number): Component | null {
  const count = QUARTER_COUNTS[tokens[at] ?? ''];
  const quarterAt = count === undefined ? at : at + 1;
  const word = tokens[quarterAt];
  if (word !== 'quarter' && word !== 'quarters') return null;
  let unitIndex = quarterAt + 1;
  if (tokens[unitIndex] === 'of') unitIndex++;
  unitIndex = skipArticle(tokens, unitIndex);
  const unit = unitAt(tokens, unitIndex);
  if (unit === undefined) return null;
  return { seconds: ((count ?? 1) * unit) / 4, unitSeconds: unit, next: unitIndex + 1 };
}

/** "and a half" / "and a quarter" after a unit: "an hour and a half". */
function fractionAfterUnit(tokens: readonly string[], at: number): { fraction: number; next: number } {
  if (tokens[at] === 'and' && tokens[at + 1] === 'a') {
    if (tokens[at + 2] === 'half') return { fraction: 0.5, next: at + 3 };
    if (tokens[at + 2] === 'quarter') return { fraction: 0.25, next: at + 3 };
  }
  return { fraction: 0, next: at };
}

/** "a couple of minutes", "couple minutes": two, as people mean it; "another minute": one. */
function countWordAt(tokens: readonly string[], at: number): { end: number; value: number } | null {
  if (tokens[at] === 'another' && unitAt(tokens, at + 1) !== undefined) return { end: at + 1, value: 1 };
  const coupleIndex = tokens[at] === 'a' ? at + 1 : at;
  if (tokens[coupleIndex] !== 'couple') return null;
  return { end: tokens[coupleIndex + 1] === 'of' ? coupleIndex + 2 : coupleIndex + 1, value: 2 };
}

/**
 * Where the unit word is after a count: "5 more minutes" and "2 extra minutes" (the word
 * does not change the amount); a written fraction takes "of" and an article like "half"
 * does: "1/2 an hour", "3/4 of an hour".
 */
function unitIndexAfterCount(tokens: readonly string[], count: Span<number>): number {
  const word = tokens[count.end];
  if (word === 'more' || word === 'extra') return count.end + 1;
  if (count.value >= 1) return count.end;
  return skipArticle(tokens, word === 'of' ? count.end + 1 : count.end);
}

/** "<number> <unit> [and a half]". */
function parseCountedUnit(tokens: readonly string[], at: number, largestUnit: number): Component | null {
  const countWord = countWordAt(tokens, at);
  const counts = countWord ? [countWord] : numberSpans(tokens, at);
  for (const span of counts) {
    const unitIndex = unitIndexAfterCount(tokens, span);
    const unit = unitAt(tokens, unitIndex);
    if (unit === undefined || unit >= largestUnit || span.value <= 0) continue;
    const { fraction, next } = fractionAfterUnit(tokens, unitIndex + 1);
    return { seconds: (span.value + fraction) * unit, unitSeconds: unit, next };
  }
  return null;
}

function parseComponent(tokens: readonly string[], at: number, largestUnit: number): Component | null {
  const special = parseHalfOf(tokens, at) ?? parseQuarterOf(tokens, at);
  if (special) return special.unitSeconds < largestUnit ? special : null;
  return parseCountedUnit(tokens, at, largestUnit);
}

/**
 * Duration spans starting at `start`, longest first. Components must go from larger to
 * smaller units ("1 hour 20 minutes"), which keeps "5 minutes 2 hours" from being one duration.
 */
export function durationSpans(tokens: readonly string[], start: number): Span<number>[] {
  const spans: Span<number>[] = [];
  let total = 0;
  let largestUnit = Number.POSITIVE_INFINITY;
  let at = start;
  for (;;) {
    const componentAt = spans.length > 0 && tokens[at] === 'and' ? at + 1 : at;
    const component = parseComponent(tokens, componentAt, largestUnit);
    if (!component) break;
    total += component.seconds;
    largestUnit = component.unitSeconds;
    at = component.next;
    const seconds = Math.round(total);
    if (seconds > 0) spans.unshift({ end: at, value: seconds });
  }
  const tail = spans.length > 0 ? unitlessTail(tokens, at, largestUnit) : null;
  if (tail) spans.unshift({ end: tail.end, value: Math.round(total + tail.seconds) });
  return spans;
}

/** "2 minutes 30", "an hour 15": a count after minutes or hours is of the next smaller unit. */
function unitlessTail(
  tokens: readonly string[],
  at: number,
  lastUnit: number,
): { end: number; seconds: number } | null {
  if (lastUnit !== 3600 && lastUnit !== 60) return null;
  const count = numberSpans(tokens, at).find(
    (span) => Number.isInteger(span.value) && span.value >= 1 && span.value < 60,
  );
  if (!count || unitAt(tokens, count.end) !== undefined) return null;
  return { end: count.end, seconds: (count.value * lastUnit) / 60 };
}

/** "an hour and a half" -> 5400; null unless the whole text is a duration. */
export function parseDuration(text: string): number | null {
  const tokens = tokenizeWords(text);
  const longest = durationSpans(tokens, 0)[0];
  return longest && longest.end === tokens.length ? longest.value : null;
}
