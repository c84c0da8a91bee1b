import { FEATURE_BITS, featureBuckets } from '../src/model/features.js';
import { type IntentModelFile, MODEL_FORMAT, OUT_OF_SCOPE } from '../src/model/intent-model.js';
import { analyze } from '../src/normalize.js';
import type { Example } from './dataset.js';

/**
 * Multinomial logistic regression trained with AdaGrad on the hashed features of
 * src/model/features.ts. Everything is deterministic: examples are visited in an order
 * drawn from a seeded generator, so the same data gives the same model, byte for byte.
 */

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty on the rows an example touches. */
  l2: number;
  /** A bucket seen in fewer training utterances than this gets no row (noise, and size). */
  minCount: number;
  /** How much more an out-of-scope example's error counts: a false local match costs more than a miss. */
  outOfScopeWeight: number;
  /** Extra copies of each example with one word left out: speech drops words, the model should not need each one. */
  dropoutCopies: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  epochs: 6,
  learningRate: 0.5,
  l2: 1e-5,
  minCount: 2,
  outOfScopeWeight: 1,
  dropoutCopies: 1,
  seed: 18,
};

interface Encoded {
  rows: Int32Array;
  norm: number;
  label: number;
  weight: number;
}

/** mulberry32: a tiny seeded generator, enough for shuffling. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** `copies` variants of an example, each without one word picked at random (examples of three words or more). */
function withWordsLeftOut(
  example: { label: string; tokens: readonly string[] },
  copies: number,
  random: () => number,
): { label: string; tokens: readonly string[] }[] {
  if (example.tokens.length < 3) return [];
  return Array.from({ length: copies }, () => {
    const drop = Math.floor(random() * example.tokens.length);
    return { label: example.label, tokens: example.tokens.filter((_, i) => i !== drop) };
  });
}

/** Buckets kept (seen in at least `minCount` utterances) and each bucket's row, most frequent first. */
function keptBuckets(featureSets: readonly number[][], minCount: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const features of featureSets)
    for (const bucket of features) counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  // Most frequent first: the rows most utterances read sit together in memory (and in cache).
  const kept = [...counts].filter(([, count]) => count >= minCount);
  kept.sort(([a, countA], [b, countB]) => countB - countA || a - b);
  return new Map(kept.map(([bucket], row) => [bucket, row]));
}

function softmaxInPlace(values: Float64Array): void {
  let max = -Infinity;
  for (const value of values) if (value > max) max = value;
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] = Math.exp(values[i]! - max);
  for (let i = 0; i < values.length; i++) values[i]! /= total;
}

interface FloatModel {
  weights: Float64Array;
  bias: Float64Array;
}

function fit(
  encoded: readonly Encoded[],
  rowCount: number,
  labelCount: number,
  options: TrainOptions,
): FloatModel {
  const weights = new Float64Array(rowCount * labelCount);
  const squares = new Float64Array(rowCount * labelCount).fill(1e-8);
  const bias = new Float64Array(labelCount);
  const biasSquares = new Float64Array(labelCount).fill(1e-8);
  const probabilities = new Float64Array(labelCount);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const example of shuffled(encoded, random)) {
      for (let label = 0; label < labelCount; label++) {
        let sum = 0;
        for (const row of example.rows) sum += weights[row * labelCount + label]!;
        probabilities[label] = bias[label]! + sum * example.norm;
      }
      softmaxInPlace(probabilities);
      for (let label = 0; label < labelCount; label++) {
        const error = (probabilities[label]! - (label === example.label ? 1 : 0)) * example.weight;
        biasSquares[label]! += error * error;
        bias[label]! -= (options.learningRate * error) / Math.sqrt(biasSquares[label]!);
        for (const row of example.rows) {
          const at = row * labelCount + label;
          const gradient = error * example.norm + options.l2 * weights[at]!;
          squares[at]! += gradient * gradient;
          weights[at]! -= (options.learningRate * gradient) / Math.sqrt(squares[at]!);
        }
      }
    }
  }
  return { weights, bias };
}

/** Int8 per weight with one scale per label: a quarter of the size of float32, same decisions in practice. */
function quantise(weights: Float64Array, rowCount: number, labelCount: number) {
  const scales = new Array<number>(labelCount).fill(0);
  for (let row = 0; row < rowCount; row++)
    for (let label = 0; label < labelCount; label++)
      scales[label] = Math.max(scales[label]!, Math.abs(weights[row * labelCount + label]!));
  for (let label = 0; label < labelCount; label++) scales[label] = (scales[label]! || 1) / 127;
  const quantised = new Int8Array(rowCount * labelCount);
  for (let i = 0; i < quantised.length; i++) quantised[i] = Math.round(weights[i]! / scales[i % labelCount]!);
  return { scales, quantised };
}

const round = (value: number, digits = 6) => Number(value.toFixed(digits));

/** Trains on `examples`; the stored form is not yet calibrated (see calibrate.ts). */
export function trainModel(
  examples: readonly Example[],
  labels: readonly string[],
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): IntentModelFile {
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const random = seededRandom(options.seed + 1);
  const tokenized = examples.map((example) => ({
    label: example.label,
    tokens: analyze(example.text).tokens,
  }));
  const variants = tokenized.flatMap((example) => withWordsLeftOut(example, options.dropoutCopies, random));
  const all = [...tokenized, ...variants];
  const featureSets = all.map((example) => featureBuckets(example.tokens));
  const rowOf = keptBuckets(featureSets, options.minCount);
  const encoded: Encoded[] = all.map((example, i) => {
    const rows = featureSets[i]!.map((bucket) => rowOf.get(bucket)).filter((row) => row !== undefined);
    return {
      rows: Int32Array.from(rows),
      norm: featureSets[i]!.length > 0 ? 1 / Math.sqrt(featureSets[i]!.length) : 0,
      label: labelIndex.get(example.label)!,
      weight: example.label === OUT_OF_SCOPE ? options.outOfScopeWeight : 1,
    };
  });
  const model = fit(encoded, rowOf.size, labels.length, options);
  const { scales, quantised } = quantise(model.weights, rowOf.size, labels.length);
  const buckets = Int32Array.from(rowOf.keys());
  return {
    format: MODEL_FORMAT,
    labels: [...labels],
    featureBits: FEATURE_BITS,
    temperature: 1,
    thresholds: { acceptWithSlots: 1, accept: 1, clarify: 1, veto: 1 },
    bias: Array.from(model.bias, (value) => round(value)),
    scales: scales.map((value) => round(value, 9)),
    buckets: Buffer.from(buckets.buffer).toString('base64'),
    weights: Buffer.from(quantised.buffer).toString('base64'),
    trainedOn: { utterances: examples.length, dataHash: '' },
  };
}
