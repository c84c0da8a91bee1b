import { wordTable } from '../word-table.js';
import type { Span } from './span.js';

/**
 * List names. Any name works after "my" ("my camping list"); after "the" or nothing, only
 * names people commonly keep lists under, so "the best seller list" is not read as one of
 * the user's lists. Synonyms collapse to one name ("groceries" -> "shopping").
 */

/** The list meant when none is named ("put milk on the list"). */
export const DEFAULT_LIST = 'shopping';

/** Names people use for the same list; everything else is kept as said ("packing", "to do"). */
const LIST_ALIASES: Readonly<Record<string, string>> = wordTable({
  grocery: 'shopping',
  groceries: 'shopping',
  'grocery shopping': 'shopping',
  food: 'shopping',
  'to dos': 'to do',
  'to-do': 'to do',
  task: 'to do',
  tasks: 'to do',
  chore: 'chores',
  wishlist: 'wish',
});

export function canonicalListName(said: string | undefined): string {
  if (said === undefined) return DEFAULT_LIST;
  return LIST_ALIASES[said] ?? said;
}

/** Lists a household keeps, said with "the" or bare ("the packing list", "shopping list"). */
const COMMON_LIST_NAMES: readonly string[] = [
  'shopping',
  'grocery',
  'groceries',
  'grocery shopping',
  'to do',
  'to dos',
  'task',
  'tasks',
  'packing',
  'christmas',
  'birthday',
  'gift',
  'wish',
  'chores',
  'chore',
  'errands',
  'reading',
  'movie',
  'movies',
  'watch',
  'camping',
  'holiday',
  'vacation',
  'party',
  'hardware store',
  'costco',
  'pharmacy',
];

/** Lists that belong to someone else's system: "add me to the waiting list" is not a list request. */
export const NOT_USER_LISTS = new Set([
  'waiting',
  'wait',
  'mailing',
  'guest',
  'email',
  'distribution',
  'priority',
  'black',
  'white',
  'hit',
  'best seller',
  'bestseller',
  'top',
  'no fly',
  'most wanted',
  'honor',
  'honour',
  'deans',
]);

const COMMON_BY_FIRST_WORD: ReadonlyMap<string, readonly (readonly string[])[]> = (() => {
  const index = new Map<string, string[][]>();
  for (const name of COMMON_LIST_NAMES) {
    const words = name.split(' ');
    index.set(words[0]!, [...(index.get(words[0]!) ?? []), words]);
  }
  return index;
})();

/** Common list names starting at `start`, canonicalised, longest first. */
export function commonListSpans(tokens: readonly string[], start: number): Span<string>[] {
  const spans: Span<string>[] = [];
  for (const words of COMMON_BY_FIRST_WORD.get(tokens[start] ?? '') ?? []) {
    if (words.every((word, i) => tokens[start + i] === word))
      spans.push({ end: start + words.length, value: canonicalListName(words.join(' ')) });
  }
  return spans.sort((a, b) => b.end - a.end);
}
