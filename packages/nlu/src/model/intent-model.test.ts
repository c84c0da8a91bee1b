import { describe, expect, it } from 'vitest';
import { featureBuckets } from './features.js';
import { type IntentModelFile, loadIntentModel, MODEL_FORMAT } from './intent-model.js';

/** A well-spread 32-bit value for each index (Fibonacci hashing), so inputs vary without randomness. */
const spread = (index: number): number => Math.imul(index + 1, 0x9e3779b1) >>> 0;

/** Distinct made-up words, different for each `from`. */
const words = (count: number, from = 0): string[] =>
  Array.from({ length: count }, (_, i) => spread(from + i).toString(36));

/**
 * A model file with int8 weights spread over the whole range (the extremes -128 and 127 included)
 * for every other bucket of `vocabulary`: the rest have no row, as the trainer leaves rare buckets.
 */
function modelFile(labelCount: number, vocabulary: string[]): IntentModelFile {
  const buckets = featureBuckets(vocabulary).filter((_, i) => i % 2 === 0);
  const weights = Int8Array.from({ length: buckets.length * labelCount }, (_, i) =>
    i % 97 === 0 ? -128 : i % 89 === 0 ? 127 : (spread(i) >>> 24) - 128,
  );
  return {
    format: MODEL_FORMAT,
    labels: Array.from({ length: labelCount }, (_, i) => (i === 0 ? 'none' : `label.${i}`)),
    featureBits: 20,
    temperature: 0.85,
    thresholds: { acceptWithSlots: 0.5, accept: 0.7, clarify: 0.5, veto: 0.99 },
    bias: Array.from({ length: labelCount }, (_, label) => Math.sin(label)),
    scales: Array.from({ length: labelCount }, (_, label) => 0.001 + (label % 7) * 0.002),
    buckets: Buffer.from(Int32Array.from(buckets).buffer).toString('base64'),
    weights: Buffer.from(weights.buffer).toString('base64'),
    trainedOn: { utterances: 0, dataHash: 'test' },
  };
}

/** The model's definition, one int8 weight at a time: what the packed sums must equal. */
function plainProbabilities(file: IntentModelFile, tokens: string[]): number[] {
  const labelCount = file.labels.length;
  const buckets = new Int32Array(new Uint8Array(Buffer.from(file.buckets, 'base64')).buffer);
  const weights = new Int8Array(new Uint8Array(Buffer.from(file.weights, 'base64')).buffer);
  const features = featureBuckets(tokens);
  const sums = new Array<number>(labelCount).fill(0);
  for (const bucket of features) {
    const row = buckets.indexOf(bucket);
    if (row < 0) continue;
    for (let label = 0; label < labelCount; label++) sums[label]! += weights[row * labelCount + label]!;
  }
  const norm = 1 / Math.sqrt(features.length);
  const logits = sums.map(
    (sum, label) => (file.bias[label]! + sum * file.scales[label]! * norm) / file.temperature,
  );
  const max = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / total);
}

describe('the intent model', () => {
  // 31 labels is the shipped model's count (an odd count leaves one half-lane empty); 2 and 4 are edge shapes.
  it.each([31, 2, 4])('sums %i labels exactly as int8 weights added one by one', (labelCount) => {
    const vocabulary = words(400, labelCount);
    const file = modelFile(labelCount, vocabulary);
    const model = loadIntentModel(file);
    for (const length of [1, 3, 8, 40, 120]) {
      // 120 words give well over the 256 rows after which the packed lanes are folded.
      const tokens = vocabulary.slice(length, length * 2);
      expect(Array.from(model.probabilities(tokens))).toEqual(plainProbabilities(file, tokens));
    }
  });

  it('counts rows past the fold without carrying between neighbouring labels', () => {
    // Every weight at its extreme: a carry or borrow between the two labels of a lane would show.
    const vocabulary = words(300);
    for (const extreme of [127, -128]) {
      const file = modelFile(31, vocabulary);
      const rows = Buffer.from(file.buckets, 'base64').byteLength / 4;
      file.weights = Buffer.from(new Int8Array(rows * 31).fill(extreme).buffer).toString('base64');
      const tokens = vocabulary.slice(0, 300);
      expect(Array.from(loadIntentModel(file).probabilities(tokens))).toEqual(
        plainProbabilities(file, tokens),
      );
    }
  });

  it('refuses a file whose weights do not fill its rows', () => {
    const file = modelFile(5, words(20));
    file.weights = Buffer.from(new Int8Array(7).buffer).toString('base64');
    expect(() => loadIntentModel(file)).toThrow(/weights do not match buckets/);
  });
});
