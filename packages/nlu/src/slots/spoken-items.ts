import { knownItemEnd } from './item-lexicon.js';
import { numberSpans } from './numbers.js';

/**
 * Splits items said without separators ("milk eggs bread", "coffee filters two dozen eggs")
 * the way a listener would: each known item (item-lexicon.ts) and each quantity ("two dozen",
 * "a bag of", "6") begins an item; other words join the item they most likely belong to.
 * Words in front of an item qualify it ("organic milk"); words after the last item, or
 * after a joining word ("bread with seeds"), stay with the item before. Without at least
 * two known items or quantities the words stay one item, so to-dos ("call the bank",
 * "go to the gym") are never cut up.
 */

/** What may stand between a number and its item: "two dozen eggs", "2 big bags of flour". */
const MEASURES = new Set(
  `dozen pack packet pound lb lbs kilo kg gram ounce oz liter litre ml gallon pint quart bag box
  can tin bottle jar carton loaf loaves bunch head tub case roll bar container stick block slice
  piece tray crate sack pair bundle handful punnet jug couple few lot big large small little
  medium huge family size`
    .split(/\s+/)
    .flatMap((word) => [word, `${word}s`, `${word}es`]),
);
/** Amounts said without a number: "some apples", "more coffee". */
const AMOUNT_WORDS = new Set(['some', 'several', 'lots', 'plenty', 'more', 'extra', 'another']);
/** After these an item continues rather than a new one starting: "pasta with tomato sauce". */
const JOINING_WORDS = new Set(['with', 'without', 'for', 'from', 'of', 'in', 'on', 'at', 'to', 'like', 'by']);

interface Piece {
  kind: 'item' | 'quantity' | 'other';
  start: number;
  end: number;
}

/** The core of one item: a known item, or a quantity with the item it counts. */
interface Core {
  start: number;
  end: number;
  counted: boolean;
}

/** End of a quantity ("a", "two dozen", "half a bag of", "some") at `start`, or null. */
function quantityEnd(words: readonly string[], start: number): number | null {
  let at = AMOUNT_WORDS.has(words[start]!) ? start + 1 : (numberSpans(words, start)[0]?.end ?? null);
  if (at === null) return null;
  while (at < words.length && MEASURES.has(words[at]!)) at++;
  return words[at] === 'of' ? at + 1 : at;
}

function piecesOf(words: readonly string[]): Piece[] {
  const pieces: Piece[] = [];
  for (let at = 0; at < words.length; ) {
    const item = knownItemEnd(words, at, words.length);
    const quantity = item === null ? quantityEnd(words, at) : null;
    const end = item ?? quantity ?? at + 1;
    pieces.push({ kind: item !== null ? 'item' : quantity !== null ? 'quantity' : 'other', start: at, end });
    at = end;
  }
  return pieces;
}

/** A quantity takes the next known item as its own, with the words between ("6 organic apples"). */
function coresOf(pieces: readonly Piece[]): Core[] {
  const cores: Core[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (piece.kind === 'item') cores.push({ start: piece.start, end: piece.end, counted: false });
    if (piece.kind !== 'quantity') continue;
    let next = i + 1;
    while (pieces[next]?.kind === 'other') next++;
    const counts = pieces[next]?.kind === 'item';
    cores.push({ start: piece.start, end: counts ? pieces[next]!.end : piece.end, counted: true });
    if (counts) i = next;
  }
  return cores;
}

/** "filters" in "coffee filters": a plural right after a singular item is usually its head noun. */
const looksPlural = (word: string) => word.length >= 4 && /s$/.test(word) && !/(ss|us|is)$/.test(word);

/** Where the item of `after` begins, or null when it continues the item of `before`. */
function cutBetween(words: readonly string[], before: Core, after: Core): number | null {
  const gap = before.end;
  if (gap === after.start) return gap;
  if (JOINING_WORDS.has(words[gap]!)) return null;
  if (after.counted) return after.start;
  if (looksPlural(words[gap]!) && !looksPlural(words[before.end - 1]!)) return gap + 1;
  return gap;
}

/** One run of words without separators, as the items a listener would hear. */
export function splitSpokenRun(words: readonly string[]): string[] {
  const cores = coresOf(piecesOf(words));
  const cuts = [0];
  for (let i = 1; i < cores.length; i++) {
    const cut = cutBetween(words, cores[i - 1]!, cores[i]!);
    if (cut !== null) cuts.push(cut);
  }
  cuts.push(words.length);
  return cuts.slice(1).map((end, i) => words.slice(cuts[i], end).join(' '));
}
