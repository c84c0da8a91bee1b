/**
 * NLU speed: both stages (templates, then the model) over the whole test split of
 * packages/nlu/data on one core: utterances per second, p99 per utterance, and what loading
 * costs (time and memory to compile the templates and read the model). The baseline is the
 * same loop doing only lower-casing and splitting into words, measured in the same run.
 * It loads the built package (what services run): `npm run build`, then from the repository
 * root `npx tsx test/bench/nlu.ts`; or `npm run bench -- nlu`, which builds first.
 * Prints one JSON line for scripts, then lines for people.
 */
import { execFileSync } from 'node:child_process';
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
const { utterances } = await import('@hark/nlu/utterances.fixture');
const NOW = { now: '2026-03-04T18:30' };

/**
 * Loading, in a fresh plain `node` process: importing the package compiles the templates and
 * the first call reads the model. @hark/contracts (zod schemas) is imported first and timed on
 * its own: every service has loaded it already, so it is not the recogniser's cost.
 */
function measureLoading(): { contractsMs: number; loadMs: number; loadMb: number } {
  const script = `
    const rss = () => process.memoryUsage().rss;
    const t0 = performance.now();
    await import(${JSON.stringify(new URL('../../packages/contracts/dist/index.js', import.meta.url).href)});
    global.gc?.();
    const t1 = performance.now();
    const before = rss();
    const { recognize } = await import(${JSON.stringify(new URL('../../packages/nlu/dist/index.js', import.meta.url).href)});
    recognize('what time is it', { now: '2026-03-04T18:30' });
    const t2 = performance.now();
    global.gc?.();
    console.log(JSON.stringify({ contractsMs: t1 - t0, loadMs: t2 - t1, loadMb: (rss() - before) / 2 ** 20 }));`;
  const output = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

const { contractsMs, loadMs, loadMb } = measureLoading();
const { recognize } = await import('../../packages/nlu/dist/index.js');

/** One pass over a table; returns a count derived from the results so the work cannot be skipped. */
type Pass = (table: readonly string[]) => number;

const recognizeAll: Pass = (table) => {
  let matched = 0;
  for (const text of table) if (recognize(text, NOW).intent) matched++;
  return matched;
};

const tokenizeAll: Pass = (table) => {
  let tokens = 0;
  for (const text of table) tokens += text.toLowerCase().split(/\s+/).length;
  return tokens;
};

/** Runs whole passes for about `durationMs`; returns utterances per second. */
function measure(pass: Pass, durationMs: number, table: readonly string[] = texts): number {
  let processed = 0;
  let observed = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(durationMs) * 1_000_000n;
  let now = started;
  while (now < deadline) {
    observed += pass(table);
    processed += table.length;
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
// The template table (packages/nlu/src/fixtures), mostly template matches: the figure earlier benches reported.
const tableTexts = utterances.map((row) => row.text);
measure(recognizeAll, WARM_UP_MS / 4, tableTexts);
const tablePerSecond = Math.round(measure(recognizeAll, MEASURE_MS / 2, tableTexts));
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
    contractsMs: round(contractsMs, 1),
    templateTableRows: tableTexts.length,
    templateTablePerSecond: tablePerSecond,
  }),
);
console.log(
  `nlu: ${utterancesPerSecond.toLocaleString('en')} utterances/s over the ${texts.length} test-split utterances ` +
    `(baseline lower-case + split: ${baselinePerSecond.toLocaleString('en')}/s, ratio ${ratio}); target >= 20,000/s`,
);
console.log(
  `nlu: ${tablePerSecond.toLocaleString('en')} utterances/s over the ${tableTexts.length} rows of the template table`,
);
console.log(`nlu: p99 ${round(p99Ms)} ms per utterance (max ${round(maxMs)} ms); target p99 < 1 ms`);
console.log(
  `nlu: loading ${round(loadMs, 1)} ms and ${round(loadMb, 1)} MB more memory; targets < 300 ms, < 50 MB`,
);
