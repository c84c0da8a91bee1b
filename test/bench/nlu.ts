/**
 * NLU speed: both stages (templates, then the model) over the whole test split of
 * packages/nlu/data on one core: utterances per second, p99 per utterance, and what loading
 * costs (time and memory to compile the templates and read the model). The baseline is the
 * same loop doing only lower-casing and splitting into words, measured in the same run.
 * It loads the built package (what services run): `npm run build`, then from the repository
 * root `npx tsx test/bench/nlu.ts`; or `npm run bench -- nlu`, which builds first.
 * Prints one JSON line for scripts, then lines for people.
 */
import { readdirSync, readFileSync } from 'node:fs';

const WARM_UP_MS = 1_000;
const MEASURE_MS = 4_000;
const LATENCY_PASSES = 5;

/** The test split's texts, read here without the nlu package so its loading can be measured on its own. */
function testTexts(): string[] {
  const dir = new URL('../../packages/nlu/data/test/', import.meta.url);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.tsv'))
    .flatMap((name) => readFileSync(new URL(name, dir), 'utf8').split('\n'))
    .filter((line) => line.includes('\t') && !line.startsWith('#'))
    .map((line) => line.slice(line.indexOf('\t') + 1));
}

const texts = testTexts();
const NOW = { now: '2026-03-04T18:30' };

// Loading: importing the package compiles the templates; the first call reads the model.
global.gc?.();
const rssBefore = process.memoryUsage().rss;
const loadStarted = performance.now();
const { recognize } = await import('../../packages/nlu/dist/index.js');
recognize('what time is it', NOW);
const loadMs = performance.now() - loadStarted;
global.gc?.();
const loadMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20;

type Pass = () => number;

const recognizeAll: Pass = () => {
  let matched = 0;
  for (const text of texts) if (recognize(text, NOW).intent) matched++;
  return matched;
};

const tokenizeAll: Pass = () => {
  let tokens = 0;
  for (const text of texts) tokens += text.toLowerCase().split(/\s+/).length;
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
    observed += pass();
    processed += texts.length;
    now = process.hrtime.bigint();
  }
  if (observed === 0) throw new Error('benchmark pass produced no results');
  return processed / (Number(now - started) / 1e9);
}

/** Each utterance timed on its own, over several passes: the 99th percentile and the slowest, in ms. */
function latencies(): { p99Ms: number; maxMs: number } {
  const samples: number[] = [];
  for (let pass = 0; pass < LATENCY_PASSES; pass++) {
    for (const text of texts) {
      const started = process.hrtime.bigint();
      recognize(text, NOW);
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  samples.sort((a, b) => a - b);
  return { p99Ms: samples[Math.floor(samples.length * 0.99)]!, maxMs: samples.at(-1)! };
}

measure(recognizeAll, WARM_UP_MS);
measure(tokenizeAll, WARM_UP_MS / 4);
const utterancesPerSecond = Math.round(measure(recognizeAll, MEASURE_MS));
const baselinePerSecond = Math.round(measure(tokenizeAll, MEASURE_MS / 2));
const ratio = Number((utterancesPerSecond / baselinePerSecond).toFixed(4));
const { p99Ms, maxMs } = latencies();
const round = (value: number, digits = 3) => Number(value.toFixed(digits));

console.log(
  JSON.stringify({
    name: 'nlu',
    utterances: texts.length,
    utterancesPerSecond,
    baselinePerSecond,
    ratio,
    p99Ms: round(p99Ms),
    maxMs: round(maxMs),
    loadMs: round(loadMs, 1),
    loadMb: round(loadMb, 1),
  }),
);
console.log(
  `nlu: ${utterancesPerSecond.toLocaleString('en')} utterances/s over the ${texts.length} test-split utterances ` +
    `(baseline lower-case + split: ${baselinePerSecond.toLocaleString('en')}/s, ratio ${ratio}); target >= 20,000/s`,
);
console.log(`nlu: p99 ${round(p99Ms)} ms per utterance (max ${round(maxMs)} ms); target p99 < 1 ms`);
console.log(
  `nlu: loading ${round(loadMs, 1)} ms and ${round(loadMb, 1)} MB more memory; targets < 300 ms, < 50 MB`,
);
