/**
 * The features the intent model reads: hashed word unigrams and bigrams, and character
 * 3- to 5-grams of each word with its edges marked, so "tmrw", "forcast" and "timers" still
 * share most features with "tomorrow", "forecast" and "timer". Hashing (FNV-1a over char
 * codes, no substring built) keeps the model a table of buckets with no vocabulary to store.
 * Training and recognition call this same function, so they cannot disagree.
 */

import { slotShapeAt } from './slot-shapes.js';

export const FEATURE_BITS = 20;
const BUCKET_MASK = (1 << FEATURE_BITS) - 1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** A different start per feature family, so the word "in" and the trigram "^in" never share a bucket by design. */
const SEED = { word: 1, bigram: 2, chars: 3, shape: 4 } as const;
const CHAR_GRAM_SIZES = [3, 4, 5] as const;
const WORD_EDGE = 0x5e; // '^' before and '$' after each word, in the char n-grams
const WORD_END = 0x24;
const SENTENCE_EDGE = '\u0002';

const mix = (hash: number, code: number): number => Math.imul(hash ^ code, FNV_PRIME) >>> 0;

function hashWord(seed: number, word: string, hash = Math.imul(FNV_OFFSET ^ seed, FNV_PRIME) >>> 0): number {
  for (let i = 0; i < word.length; i++) hash = mix(hash, word.charCodeAt(i));
  return hash;
}

/** Character code of `word` with edge marks: position -1 is '^', position length is '$'. */
const edgedCode = (word: string, at: number): number =>
  at < 0 ? WORD_EDGE : at >= word.length ? WORD_END : word.charCodeAt(at);

function addCharGrams(word: string, out: Set<number>): void {
  const length = word.length + 2;
  for (const size of CHAR_GRAM_SIZES) {
    for (let start = 0; start + size <= length; start++) {
      let hash = Math.imul(FNV_OFFSET ^ SEED.chars, FNV_PRIME) >>> 0;
      for (let i = start; i < start + size; i++) hash = mix(hash, edgedCode(word, i - 1));
      out.add(hash & BUCKET_MASK);
    }
  }
}

/**
 * Bigrams of the utterance with each typed slot replaced by its kind ("alarm for <time>
 * <day>", "<number> <unit> in <unit>"): what the words around a value say, whatever the
 * value was, so "alarm 6 45 tmrw" teaches the same as "alarm for seven tomorrow".
 */
function addShapeGrams(tokens: readonly string[], out: Set<number>): void {
  let previous = SENTENCE_EDGE;
  let previousIsSlot = false;
  for (let at = 0; at < tokens.length; ) {
    const slot = slotShapeAt(tokens, at);
    const word = slot ? slot.kind : tokens[at]!;
    if (slot) out.add(hashWord(SEED.shape, word) & BUCKET_MASK);
    if (slot || previousIsSlot)
      out.add(hashWord(SEED.shape, word, mix(hashWord(SEED.shape, previous), 0x20)) & BUCKET_MASK);
    previous = word;
    previousIsSlot = slot !== null;
    at = slot ? slot.end : at + 1;
  }
  if (previousIsSlot)
    out.add(hashWord(SEED.shape, SENTENCE_EDGE, mix(hashWord(SEED.shape, previous), 0x20)) & BUCKET_MASK);
}

/** The distinct feature buckets of an utterance's tokens (normalised by `analyze`). */
export function featureBuckets(tokens: readonly string[]): number[] {
  const out = new Set<number>();
  addShapeGrams(tokens, out);
  let previous = SENTENCE_EDGE;
  for (const token of tokens) {
    out.add(hashWord(SEED.word, token) & BUCKET_MASK);
    out.add(hashWord(SEED.bigram, token, mix(hashWord(SEED.bigram, previous), 0x20)) & BUCKET_MASK);
    addCharGrams(token, out);
    previous = token;
  }
  if (tokens.length > 0)
    out.add(hashWord(SEED.bigram, SENTENCE_EDGE, mix(hashWord(SEED.bigram, previous), 0x20)) & BUCKET_MASK);
  return [...out];
}
