import type { Span } from './span.js';

/**
 * Spans of a closed vocabulary of phrases (holidays, rooms), each standing for one value.
 * Words are compared without apostrophes, since speech-to-text writes "valentines day" as
 * often as "valentine's day", and "kids room" as often as "kid's room".
 */

const bare = (word: string): string => word.replace(/'/g, '');

export type PhraseSpans<V> = (tokens: readonly string[], start: number) => Span<V>[];

/** A span parser for `table` (phrase -> value), longest match first. */
export function phraseTableSpans<V>(table: Readonly<Record<string, V>>): PhraseSpans<V> {
  const byFirstWord = new Map<string, { words: string[]; value: V }[]>();
  for (const [phrase, value] of Object.entries(table)) {
    const words = phrase.split(' ').map(bare);
    byFirstWord.set(words[0]!, [...(byFirstWord.get(words[0]!) ?? []), { words, value }]);
  }
  return (tokens, start) => {
    const first = tokens[start];
    const entries = first === undefined ? undefined : byFirstWord.get(bare(first));
    if (!entries) return [];
    return entries
      .filter(({ words }) => words.every((word, i) => bare(tokens[start + i] ?? '') === word))
      .map(({ words, value }) => ({ end: start + words.length, value }))
      .sort((a, b) => b.end - a.end);
  };
}
