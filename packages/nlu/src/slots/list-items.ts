import type { Utterance } from '../normalize.js';
import { numberSpans } from './numbers.js';
import { splitSpokenRun } from './spoken-items.js';

/**
 * Several list items said at once ("add eggs, milk and bread") stay one `item` slot, as
 * the items joined by ", " ("eggs, milk, bread"): the list skill splits on ", ". Items are
 * separated by commas (kept by the tokenizer as breaks) and by "and", "also" and "plus";
 * speech-to-text writes no commas, so what lies between is split further by what it says
 * (spoken-items.ts): "milk eggs and bread" is three items, "peanut butter" one. The price
 * of "and" is that a single item with "and" in its name ("mac and cheese") is split too.
 */

const ITEM_SEPARATORS = new Set(['and', 'also', 'plus']);

/** End of a number said with "and" ("two and a half pounds"), which no separator cuts; else null. */
function numberWithAndEnd(tokens: readonly string[], at: number, end: number): number | null {
  const longest = numberSpans(tokens, at).find((span) => span.end <= end);
  if (!longest || !tokens.slice(at, longest.end).includes('and')) return null;
  return longest.end;
}

/** tokens[start, end) cut at breaks and separators: the runs of words said between them. */
function separatedRuns(utterance: Utterance, start: number, end: number): string[][] {
  const runs: string[][] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) runs.push(current);
    current = [];
  };
  for (let i = start; i < end; i++) {
    if (utterance.breaks.has(i)) flush();
    const numberEnd = numberWithAndEnd(utterance.tokens, i, end);
    if (numberEnd !== null) {
      current.push(...utterance.tokens.slice(i, numberEnd));
      i = numberEnd - 1;
    } else if (ITEM_SEPARATORS.has(utterance.tokens[i]!)) flush();
    else current.push(utterance.tokens[i]!);
  }
  flush();
  return runs;
}

/** tokens[start, end) as list items joined by ", ". */
export function joinListItems(utterance: Utterance, start: number, end: number): string {
  return separatedRuns(utterance, start, end).flatMap(splitSpokenRun).join(', ');
}
