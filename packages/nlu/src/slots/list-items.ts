import type { Utterance } from '../normalize.js';

/**
 * Several list items said at once ("add eggs, milk and bread") stay one `item` slot, as
 * the items joined by ", " ("eggs, milk, bread"): the list skill splits on ", ". Items are
 * separated by commas (kept by the tokenizer as breaks) and by the word "and", so
 * "eggs and milk" is two items too. The price is that a single item with "and" in its
 * name ("mac and cheese") is split as well; speech gives no way to tell the two apart.
 */

const ITEM_SEPARATORS = new Set(['and']);

/** tokens[start, end) as list items joined by ", ". */
export function joinListItems(utterance: Utterance, start: number, end: number): string {
  const items: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) items.push(current.join(' '));
    current = [];
  };
  for (let i = start; i < end; i++) {
    if (utterance.breaks.has(i)) flush();
    const token = utterance.tokens[i]!;
    if (ITEM_SEPARATORS.has(token)) flush();
    else current.push(token);
  }
  flush();
  return items.join(', ');
}
