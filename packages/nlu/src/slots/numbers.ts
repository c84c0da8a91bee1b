import { tokenizeWords } from '../normalize.js';
import { wordTable } from '../word-table.js';
import { parseWhole, type Span, spansOf } from './span.js';

/**
 * Spoken and written numbers: "twenty five", "one hundred and twenty", "forty-five", "1.5",
 * "1/2", "1 1/2", "a", "an", "half", "two and a half", "one point five", "minus 40".
 */

export const UNIT_WORDS: Readonly<Record<string, number>> = wordTable({
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
});

export const TEEN_WORDS: Readonly<Record<string, number>> = wordTable({
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
});

export const TENS_WORDS: Readonly<Record<string, number>> = wordTable({
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
});

const LARGE_SCALES: Readonly<Record<string, number>> = wordTable({ thousand: 1_000, million: 1_000_000 });

/** Whole phrases that are only a fraction. */
const FRACTION_PHRASES: Readonly<Record<string, number>> = wordTable({
  half: 0.5,
  'half a': 0.5,
  'half an': 0.5,
  'a half': 0.5,
  'one half': 0.5,
  quarter: 0.25,
  'a quarter': 0.25,
  'one quarter': 0.25,
  'three quarters': 0.75,
  'a third': 1 / 3,
  'one third': 1 / 3,
  'two thirds': 2 / 3,
});
/** Words in the longest fraction phrase: a longer slice is never one, so no string is built for it. */
const FRACTION_PHRASE_WORDS = Math.max(
  ...Object.keys(FRACTION_PHRASES).map((phrase) => phrase.split(' ').length),
);

/** "... and a half" after a whole number. */
const FRACTION_SUFFIXES: readonly (readonly [readonly string[], number])[] = [
  [['and', 'a', 'half'], 0.5],
  [['and', 'half'], 0.5],
  [['and', 'a', 'quarter'], 0.25],
  [['and', 'three', 'quarters'], 0.75],
];

const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const FRACTION = /^(\d+)\/(\d+)$/;

type Last = 'none' | 'unit' | 'teen' | 'tens' | 'hundred' | 'large' | 'and';

interface Parsed {
  value: number;
  next: number;
}

const isSmallNumberWord = (word: string | undefined): boolean =>
  word !== undefined && (word in UNIT_WORDS || word in TEEN_WORDS || word in TENS_WORDS);

/** After these, a new units, teens or tens word may follow ("one hundred [and] twenty"). */
const OPENS_GROUP: ReadonlySet<Last> = new Set(['none', 'hundred', 'large', 'and']);

/** Greedy parse of a spoken whole number ("one hundred and twenty"); composition rules reject "five five". */
export function parseWordInteger(tokens: readonly string[], start: number, end: number): Parsed | null {
  let total = 0;
  let group = 0;
  let last: Last = 'none';
  let lastLarge = Number.POSITIVE_INFINITY;
  let i = start;
  for (; i < end; i++) {
    const word = tokens[i]!;
    const unit = UNIT_WORDS[word] ?? (i === start && (word === 'a' || word === 'an') ? 1 : undefined);
    const teenOrTens = TEEN_WORDS[word] ?? TENS_WORDS[word];
    if (unit === 0 && last !== 'none') break;
    if (unit !== undefined && (OPENS_GROUP.has(last) || (last === 'tens' && unit > 0))) {
      group += unit;
    } else if (teenOrTens !== undefined && OPENS_GROUP.has(last)) {
      group += teenOrTens;
    } else if (word === 'hundred' && (last === 'unit' || last === 'teen') && group < 100) {
      group *= 100;
    } else if (word in LARGE_SCALES && last !== 'none' && last !== 'and' && LARGE_SCALES[word]! < lastLarge) {
      lastLarge = LARGE_SCALES[word]!;
      total += group * lastLarge;
      group = 0;
    } else if (
      word === 'and' &&
      (last === 'hundred' || last === 'large') &&
      i + 1 < end &&
      isSmallNumberWord(tokens[i + 1])
    ) {
      last = 'and';
      continue;
    } else {
      break;
    }
    last = classify(word);
  }
  if (last === 'none') return null;
  return { value: total + group, next: i };
}

function classify(word: string): Last {
  if (word === 'hundred') return 'hundred';
  if (word in LARGE_SCALES) return 'large';
  if (word in TEEN_WORDS) return 'teen';
  if (word in TENS_WORDS) return 'tens';
  return 'unit';
}

/** Digits, optionally a mixed fraction ("1 1/2") or a scale ("2 thousand"). */
function parseDigits(tokens: readonly string[], start: number, end: number): Parsed | null {
  const first = tokens[start]!;
  const fraction = FRACTION.exec(first);
  if (fraction) {
    const denominator = Number(fraction[2]);
    return denominator === 0 ? null : { value: Number(fraction[1]) / denominator, next: start + 1 };
  }
  if (!DECIMAL.test(first)) return null;
  let value = Number(first);
  let next = start + 1;
  const following = tokens[next];
  const mixed = following === undefined || next >= end ? null : FRACTION.exec(following);
  if (mixed && Number(mixed[2]) !== 0 && Number.isInteger(value)) {
    value += Number(mixed[1]) / Number(mixed[2]);
    next++;
  } else if (following !== undefined && next < end && following in LARGE_SCALES) {
    value *= LARGE_SCALES[following]!;
    next++;
  } else if (following === 'hundred' && next < end) {
    value *= 100;
    next++;
  }
  return { value, next };
}

/** "point five", "point two five" after a whole number. */
function parseDecimalWords(tokens: readonly string[], start: number, end: number): Parsed | null {
  if (tokens[start] !== 'point' || start + 1 >= end) return null;
  let digits = '';
  let i = start + 1;
  for (; i < end; i++) {
    const digit = UNIT_WORDS[tokens[i]!] ?? (tokens[i] === 'oh' ? 0 : undefined);
    if (digit === undefined) break;
    digits += String(digit);
  }
  return digits === '' ? null : { value: Number(`0.${digits}`), next: i };
}

function matchesAt(tokens: readonly string[], at: number, end: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > end) return false;
  return phrase.every((word, offset) => tokens[at + offset] === word);
}

function parseFractionSuffix(tokens: readonly string[], start: number, end: number): Parsed | null {
  for (const [phrase, value] of FRACTION_SUFFIXES) {
    if (matchesAt(tokens, start, end, phrase)) return { value, next: start + phrase.length };
  }
  return parseDecimalWords(tokens, start, end);
}

function parseUnsigned(tokens: readonly string[], start: number, end: number): number | null {
  // Every slice of up to ten tokens is tried at each position; joining each one was a fifth of
  // recognising "set a timer for 5 minutes".
  const fractionOnly =
    end - start <= FRACTION_PHRASE_WORDS ? FRACTION_PHRASES[tokens.slice(start, end).join(' ')] : undefined;
  if (fractionOnly !== undefined) return fractionOnly;
  const whole = parseDigits(tokens, start, end) ?? parseWordInteger(tokens, start, end);
  if (!whole) return null;
  if (whole.next === end) return whole.value;
  const fraction = parseFractionSuffix(tokens, whole.next, end);
  if (!fraction || fraction.next !== end) return null;
  return whole.value + fraction.value;
}

/** Strict parse of exactly tokens[start, end) as one number, or null. */
export function parseNumberSlice(tokens: readonly string[], start: number, end: number): number | null {
  if (start >= end) return null;
  const sign = tokens[start] === 'minus' || tokens[start] === 'negative' ? -1 : 1;
  const value = parseUnsigned(tokens, sign === 1 ? start : start + 1, end);
  return value === null ? null : sign * value;
}

/** Words a number can begin with (after "minus"): every other word is rejected before any slice is tried. */
const NUMBER_START_WORDS: ReadonlySet<string> = new Set([
  ...Object.keys(UNIT_WORDS),
  ...Object.keys(TEEN_WORDS),
  ...Object.keys(TENS_WORDS),
  ...Object.keys(FRACTION_PHRASES).map((phrase) => phrase.split(' ')[0]!),
  'a',
  'an',
]);

function mayStartNumber(tokens: readonly string[], start: number): boolean {
  const first = tokens[start] === 'minus' || tokens[start] === 'negative' ? tokens[start + 1] : tokens[start];
  return first !== undefined && (/^-?\d/.test(first) || NUMBER_START_WORDS.has(first));
}

/** Number spans starting at `start`, longest first. */
export function numberSpans(tokens: readonly string[], start: number): Span<number>[] {
  return mayStartNumber(tokens, start) ? spansOf(tokens, start, 10, parseNumberSlice) : [];
}

/** "one hundred and twenty" -> 120, "1/2" -> 0.5, "an" -> 1; null when the whole text is not a number. */
export function parseNumber(text: string): number | null {
  return parseWhole(tokenizeWords(text), parseNumberSlice);
}
