import { FEATURE_BITS, featureBuckets } from './features.js';

/**
 * Stage 2 of the recogniser: a linear (multinomial logistic) model over hashed word and
 * character n-grams, trained in this repository from the written utterances in
 * packages/nlu/data (`npm run nlu:train`). One label is `none`: everything the free skills
 * do not do. Probabilities are the softmax of the scores divided by a temperature fitted on the dev
 * split, so a 0.9 is right about nine times in ten there.
 */

export const MODEL_FORMAT = 'hark-intent-model/1';
const NO_ROW = 0xffff;
export const OUT_OF_SCOPE = 'none';

/** The model as stored in model/intent-model.json: weights quantised to int8 per label. */
export interface IntentModelFile {
  format: typeof MODEL_FORMAT;
  labels: string[];
  featureBits: number;
  temperature: number;
  /** Decision thresholds chosen on the dev split (see training/calibrate.ts and src/model-stage.ts). */
  thresholds: ModelThresholds;
  bias: number[];
  /** Per label: the float weight of one int8 step. */
  scales: number[];
  /** Base64 of an Int32Array: the feature buckets that have a row, in row order (most frequent first). */
  buckets: string;
  /** Base64 of an Int8Array: one row of `labels.length` weights per bucket. */
  weights: string;
  /** Where it came from, for docs and the reproducibility test. */
  trainedOn: { utterances: number; dataHash: string };
}

/** Decisions on calibrated probabilities; see src/model-stage.ts for how each is used. */
export interface ModelThresholds {
  /** Take the best intent when its slot scan found a value the intent uses ("ring in two minutes"). */
  acceptWithSlots: number;
  /** Take the best intent when no value backs it ("how're the potatoes doing"). */
  accept: number;
  /** Ask which free skill was meant when the in-scope probability mass is at least this. */
  clarify: number;
  /** Overrule a template match when the out-of-scope probability is at least this. */
  veto: number;
}

export interface LabelScore {
  label: string;
  probability: number;
}

export interface IntentModel {
  labels: readonly string[];
  thresholds: ModelThresholds;
  /** Every label's calibrated probability, in `labels` order. */
  probabilities(tokens: readonly string[]): Float64Array;
}

/** Every label with its probability, best first (for tools and training; recognition reads `probabilities`). */
export function rankedScores(model: IntentModel, tokens: readonly string[]): LabelScore[] {
  const probabilities = model.probabilities(tokens);
  return model.labels
    .map((label, i) => ({ label, probability: probabilities[i]! }))
    .sort((a, b) => b.probability - a.probability);
}

/** Packed rows store each weight as weight + LANE_OFFSET (0-255), so lane sums never borrow. */
const LANE_OFFSET = 128;
/** A 16-bit lane holds 256 sums of 255 (65,280) without carrying into its neighbour. */
const ROWS_PER_FOLD = 256;

/**
 * The int8 rows, two labels to a 32-bit word: label k in the low 16 bits of lane k, label
 * k + lanes in the high 16. One add then sums two labels, and the exact integer sums come
 * back out in `fold` (the same sums as adding the int8 weights one by one).
 */
function packRows(weights: Int8Array, rowCount: number, labelCount: number, lanes: number): Uint32Array {
  const packed = new Uint32Array(rowCount * lanes);
  for (let row = 0; row < rowCount; row++) {
    const from = row * labelCount;
    for (let lane = 0; lane < lanes; lane++) {
      const low = weights[from + lane]! + LANE_OFFSET;
      const high = lane + lanes < labelCount ? weights[from + lane + lanes]! + LANE_OFFSET : LANE_OFFSET;
      packed[row * lanes + lane] = (low | (high << 16)) >>> 0;
    }
  }
  return packed;
}

const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** Builds the runtime tables from the stored file: one bucket -> row lookup, packed int8 rows, float scales. */
export function loadIntentModel(file: IntentModelFile): IntentModel {
  if (file.format !== MODEL_FORMAT || file.featureBits !== FEATURE_BITS)
    throw new Error(
      `intent model is ${file.format}/${file.featureBits} bits; this code reads ${MODEL_FORMAT}/${FEATURE_BITS}`,
    );
  const labelCount = file.labels.length;
  const bucketBytes = fromBase64(file.buckets);
  const buckets = new Int32Array(bucketBytes.buffer, bucketBytes.byteOffset, bucketBytes.byteLength / 4);
  const weights = new Int8Array(fromBase64(file.weights).buffer);
  if (weights.length !== buckets.length * labelCount)
    throw new Error('intent model: weights do not match buckets');
  // Row per bucket; 16 bits (half the memory, and cache, of 32) while the rows fit, NO_ROW where none.
  if (buckets.length >= NO_ROW) throw new Error(`intent model: ${buckets.length} rows do not fit 16 bits`);
  const rowOf = new Uint16Array(1 << FEATURE_BITS).fill(NO_ROW);
  for (let row = 0; row < buckets.length; row++) rowOf[buckets[row]!] = row;
  const lanes = Math.ceil(labelCount / 2);
  const packed = packRows(weights, buckets.length, labelCount, lanes);
  const scales = Float64Array.from(file.scales);
  const bias = Float64Array.from(file.bias);
  const sums = new Int32Array(labelCount);
  const laneSums = new Uint32Array(lanes);
  const logits = new Float64Array(labelCount);
  const temperature = file.temperature;

  /** Adds the lane sums of `rows` rows into `sums` (taking off each row's LANE_OFFSET) and clears them. */
  function fold(rows: number): void {
    const offset = rows * LANE_OFFSET;
    for (let lane = 0; lane < lanes; lane++) {
      const both = laneSums[lane]!;
      sums[lane] = sums[lane]! + (both & 0xffff) - offset;
      if (lane + lanes < labelCount) sums[lane + lanes] = sums[lane + lanes]! + (both >>> 16) - offset;
      laneSums[lane] = 0;
    }
  }

  /** Sum of the int8 rows of the features that have one, per label, into `sums`: two labels per add. */
  function sumRows(features: readonly number[]): void {
    sums.fill(0);
    const rows = rowOf;
    const table = packed;
    const totals = laneSums;
    const count = lanes;
    let pending = 0;
    for (let i = 0; i < features.length; i++) {
      const row = rows[features[i]!]!;
      if (row === NO_ROW) continue;
      const offset = row * count;
      for (let lane = 0; lane < count; lane++) totals[lane] = totals[lane]! + table[offset + lane]!;
      if (++pending === ROWS_PER_FOLD) {
        fold(pending);
        pending = 0;
      }
    }
    fold(pending);
  }

  function probabilities(tokens: readonly string[]): Float64Array {
    const features = featureBuckets(tokens);
    sumRows(features);
    const norm = features.length > 0 ? 1 / Math.sqrt(features.length) : 0;
    let max = -Infinity;
    for (let label = 0; label < labelCount; label++) {
      logits[label] = (bias[label]! + sums[label]! * scales[label]! * norm) / temperature;
      if (logits[label]! > max) max = logits[label]!;
    }
    const result = new Float64Array(labelCount);
    let total = 0;
    for (let label = 0; label < labelCount; label++) total += result[label] = Math.exp(logits[label]! - max);
    for (let label = 0; label < labelCount; label++) result[label]! /= total;
    return result;
  }

  return { labels: file.labels, thresholds: file.thresholds, probabilities };
}
