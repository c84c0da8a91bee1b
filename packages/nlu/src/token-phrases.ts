/** Fixed word sequences (fillers, contractions, speech-to-text slips) as token arrays. */

export type Phrase = readonly string[];

/** "can you" -> ["can", "you"]; longest first, so "i want to" is tried before "i want". */
export function phraseList(phrases: readonly string[]): readonly Phrase[] {
  return phrases.map((phrase) => phrase.split(' ')).sort((a, b) => b.length - a.length);
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
