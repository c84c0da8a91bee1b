/** Fixed word sequences (fillers, contractions, speech-to-text slips) as token arrays. */

export type Phrase = readonly string[];

/** "can you" -> ["can", "you"]; longest first, so "i want to" is tried before "i want". */
export function phraseList(phrases: readonly string[]): readonly Phrase[] {
  return phrases.map((phrase) => phrase.split(' ')).sort((a, b) => b.length - a.length);
}

/**
 * Phrases listed under one of their words (the first, or the last for phrases matched where they
 * end), keeping the list's order: finding the first phrase that matches at a position then tries
 * only the phrases that can, in the order a scan of the whole list would have met them.
 */
export interface PhraseIndex {
  byWord: ReadonlyMap<string, readonly Phrase[]>;
  key: 'first' | 'last';
}

export function phraseIndex(phrases: readonly Phrase[], key: 'first' | 'last' = 'first'): PhraseIndex {
  const byWord = new Map<string, Phrase[]>();
  for (const phrase of phrases) {
    const word = key === 'first' ? phrase[0]! : phrase[phrase.length - 1]!;
    byWord.set(word, [...(byWord.get(word) ?? []), phrase]);
  }
  return { byWord, key };
}

/** The first listed phrase starting at `at` (key 'first') or ending just before `at` (key 'last'). */
export function phraseAt(tokens: readonly string[], at: number, index: PhraseIndex): Phrase | undefined {
  const word = index.key === 'first' ? tokens[at] : tokens[at - 1];
  const candidates = word === undefined ? undefined : index.byWord.get(word);
  if (!candidates) return undefined;
  return index.key === 'first'
    ? candidates.find((phrase) => matchesAt(tokens, at, phrase))
    : candidates.find((phrase) => matchesAt(tokens, at - phrase.length, phrase));
}

export function matchesAt(tokens: readonly string[], at: number, phrase: Phrase): boolean {
  if (at < 0 || at + phrase.length > tokens.length) return false;
  for (let i = 0; i < phrase.length; i++) {
    if (tokens[at + i] !== phrase[i]) return false;
  }
  return true;
}

/** Whether any of tokens[start, end) is one of `words`. */
export function containsAnyOf(
  tokens: readonly string[],
  start: number,
  end: number,
  words: ReadonlySet<string>,
): boolean {
  for (let i = start; i < end; i++) if (words.has(tokens[i]!)) return true;
  return false;
}
