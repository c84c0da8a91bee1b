/**
 * NLU throughput: utterances per second of `recognize` over the whole utterance table, on
 * one core, next to a baseline loop that only lower-cases and splits the same texts (the
 * floor any matcher pays). Run from the repository root: `npx tsx test/bench/nlu.ts`.
 * Prints one JSON line for scripts, then one line for people.
 */
import { recognize } from '../../packages/nlu/src/index.js';
import { type UtteranceCase, utterances } from '../../packages/nlu/src/utterances.fixture.js';

const WARM_UP_MS = 1_000;
const MEASURE_MS = 4_000;

/** One pass over the table; returns a count derived from the results so the work cannot be skipped. */
type Pass = (rows: readonly UtteranceCase[]) => number;

const recognizeAll: Pass = (rows) => {
  let matched = 0;
  for (const row of rows) if (recognize(row.text, row.context).intent) matched++;
  return matched;
};

const tokenizeAll: Pass = (rows) => {
  let tokens = 0;
  for (const row of rows) tokens += row.text.toLowerCase().split(/\s+/).length;
  return tokens;
};

/** Runs whole passes for about `durationMs`; returns utterances per second. */
function measure(pass: Pass, durationMs: number): number {
  let processed = 0;
  let observed = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(durationMs) * 1_000_000n;
  let now = started;
  while (now < deadline) {
    observed += pass(utterances);
    processed += utterances.length;
    now = process.hrtime.bigint();
  }
  if (observed === 0) throw new Error('benchmark pass produced no results');
  return processed / (Number(now - started) / 1e9);
}

measure(recognizeAll, WARM_UP_MS);
measure(tokenizeAll, WARM_UP_MS / 4);
const utterancesPerSecond = Math.round(measure(recognizeAll, MEASURE_MS));
const baselinePerSecond = Math.round(measure(tokenizeAll, MEASURE_MS / 2));
const ratio = Number((utterancesPerSecond / baselinePerSecond).toFixed(4));

console.log(JSON.stringify({ name: 'nlu', utterancesPerSecond, baselinePerSecond, ratio }));
console.log(
  `nlu: ${utterancesPerSecond.toLocaleString('en')} utterances/s over ${utterances.length} table rows ` +
    `(baseline lower-case + split: ${baselinePerSecond.toLocaleString('en')}/s, ratio ${ratio}); ` +
    'target >= 20,000/s',
);
