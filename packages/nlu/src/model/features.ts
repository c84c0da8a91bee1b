import { shapeOf } from './slot-shapes.js';

/**
 * The features the intent model reads, hashed into 2^20 buckets (FNV-1a over char codes):
 * - each word, and its character 3- to 5-grams with its edges marked, so "tmrw",
 *   "forcast" and "timers" still share most features with "tomorrow", "forecast", "timer";
 * - word bigrams, the sentence edges included;
 * - bigrams with each value word replaced by its class ("alarm for <number> <clock>",
 *   see slot-shapes.ts): what the words around a value say, whatever the value was.
 * Training and recognition call this same function, so they cannot disagree. A word's own
 * buckets and key are computed once and cached; bigrams combine two cached keys.
 */

export const FEATURE_BITS = 20;
const BUCKET_MASK = (1 << FEATURE_BITS) - 1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** A different start per feature family, so the word "in" and the trigram "^in" never share a bucket by design. */
const SEED = { word: 1, key: 2, chars: 3, bigram: 4, shapeBigram: 5 } as const;
const CHAR_GRAM_SIZES = [3, 4, 5] as const;
const WORD_EDGE = 0x5e; // '^' before and '$' after each word, in the char n-grams
const WORD_END = 0x24;
const SENTENCE_EDGE = '\u0002';

const mix = (hash: number, code: number): number => Math.imul(hash ^ code, FNV_PRIME) >>> 0;
const seeded = (seed: number): number => Math.imul(FNV_OFFSET ^ seed, FNV_PRIME) >>> 0;

function hashWord(seed: number, word: string): number {
  let hash = seeded(seed);
  for (let i = 0; i < word.length; i++) hash = mix(hash, word.charCodeAt(i));
  return hash;
}

/** The bucket of a pair of words, from their keys: order matters ("timer off" is not "off timer"). */
function pairBucket(seed: number, first: number, second: number): number {
  let hash = seeded(seed);
  for (let i = 0; i < 4; i++) hash = mix(hash, (first >>> (8 * i)) & 0xff);
  for (let i = 0; i < 4; i++) hash = mix(hash, (second >>> (8 * i)) & 0xff);
  return hash & BUCKET_MASK;
}

/** Character code of `word` with edge marks: position -1 is '^', position length is '$'. */
const edgedCode = (word: string, at: number): number =>
  at < 0 ? WORD_EDGE : at >= word.length ? WORD_END : word.charCodeAt(at);

interface WordFeatures {
  /** The word's own buckets: the word, then its character n-grams. */
  buckets: Int32Array;
  /** A 32-bit hash of the word, the input of its bigrams. */
  key: number;
}

function wordFeatures(word: string): WordFeatures {
  const buckets = [hashWord(SEED.word, word) & BUCKET_MASK];
  const length = word.length + 2;
  for (const size of CHAR_GRAM_SIZES) {
    for (let start = 0; start + size <= length; start++) {
      let hash = seeded(SEED.chars);
      for (let i = start; i < start + size; i++) hash = mix(hash, edgedCode(word, i - 1));
      buckets.push(hash & BUCKET_MASK);
    }
  }
  return { buckets: Int32Array.from(buckets), key: hashWord(SEED.key, word) };
}

/** People reuse a small vocabulary: a word's features are hashed once (bounded, so odd input cannot grow it). */
const WORD_CACHE_LIMIT = 20_000;
const wordCache = new Map<string, WordFeatures>();

function cachedWordFeatures(word: string): WordFeatures {
  let features = wordCache.get(word);
  if (!features) {
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    features = wordFeatures(word);
    wordCache.set(word, features);
  }
  return features;
}

const EDGE_KEY = hashWord(SEED.key, SENTENCE_EDGE);

/** Collects distinct buckets in the order first seen, without a Set per utterance. */
class BucketSink {
  private readonly stamps = new Uint32Array(1 << FEATURE_BITS);
  private generation = 0;
  private buckets: number[] = [];

  start(): void {
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    this.buckets = [];
  }

  add(bucket: number): void {
    if (this.stamps[bucket] === this.generation) return;
    this.stamps[bucket] = this.generation;
    this.buckets.push(bucket);
  }

  finish(): number[] {
    return this.buckets;
  }
}

const sink = new BucketSink();

/** Classes and class bigrams: each value word as its class, a run of one class as one value, only pairs with a class. */
function addShapeBigrams(tokens: readonly string[], out: BucketSink): void {
  let previous = EDGE_KEY;
  let previousShape: string | null = null;
  for (const token of tokens) {
    const shape = shapeOf(token);
    if (shape !== null && shape === previousShape) continue;
    const features = cachedWordFeatures(shape ?? token);
    const key = features.key;
    if (shape !== null) out.add(features.buckets[0]!);
    if (shape !== null || previousShape !== null) out.add(pairBucket(SEED.shapeBigram, previous, key));
    previous = key;
    previousShape = shape;
  }
  if (previousShape !== null) out.add(pairBucket(SEED.shapeBigram, previous, EDGE_KEY));
}

/** The distinct feature buckets of an utterance's tokens (normalised by `analyze`). */
export function featureBuckets(tokens: readonly string[]): number[] {
  const out = sink;
  out.start();
  let previous = EDGE_KEY;
  for (const token of tokens) {
    const word = cachedWordFeatures(token);
    out.add(pairBucket(SEED.bigram, previous, word.key));
    const own = word.buckets;
    for (let i = 0; i < own.length; i++) out.add(own[i]!);
    previous = word.key;
  }
  if (tokens.length > 0) out.add(pairBucket(SEED.bigram, previous, EDGE_KEY));
  addShapeBigrams(tokens, out);
  return out.finish();
}
