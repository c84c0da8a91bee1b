// `npm run bench`: builds, finds or starts Redis, runs each benchmark in test/bench/ with tsx and
// prints a summary. A benchmark prints human lines plus one JSON line (starting with "{") of
// results. `npm run bench -- nlu` runs only benchmarks whose file name contains "nlu".
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { build, ensureInstalled } from './lib/install.mjs';
import { findOrStartRedis } from './lib/redis.mjs';
import { bin, log, main, paint, repoRoot, run, stopOnSignals, wasStopRequested } from './lib/run.mjs';

// Run order, one line per benchmark: the pure in-process ones first, then those using Redis.
const BENCHES = [
  'nlu.ts',
  'scheduler.ts',
  'entitlements.ts',
  'http.ts',
  'llm-ttfb.ts',
  'llm-tokens.ts',
  'insights.ts',
  'stalled-uploads.ts',
];
const benchDir = path.join(repoRoot, 'test', 'bench');

function selectBenches(filters) {
  const present = existsSync(benchDir) ? readdirSync(benchDir).filter((file) => file.endsWith('.ts')) : [];
  for (const file of present.filter((name) => !BENCHES.includes(name))) {
    log(`test/bench/${file} is not listed in BENCHES (scripts/bench.mjs), so it does not run`);
  }
  for (const file of BENCHES.filter((name) => !present.includes(name))) {
    log(`test/bench/${file} is listed in BENCHES but does not exist; skipped`);
  }
  return BENCHES.filter((name) => present.includes(name)).filter(
    (name) => filters.length === 0 || filters.some((filter) => name.includes(filter)),
  );
}

/** Runs one benchmark, echoing its human lines and collecting its JSON lines. */
async function runBench(file, redisUrl) {
  const name = path.basename(file, '.ts');
  const results = [];
  const started = performance.now();
  const code = await run(bin('tsx'), [path.join('test', 'bench', file)], {
    env: { ...process.env, REDIS_URL: redisUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
    onChild: (child) => {
      readline.createInterface({ input: child.stdout }).on('line', (line) => {
        const parsed = line.startsWith('{') ? parseJson(line) : undefined;
        if (parsed) results.push(parsed);
        else console.log(`  ${paint('2', `${name} |`)} ${line}`);
      });
    },
  });
  return { name, code, seconds: (performance.now() - started) / 1000, results };
}

function parseJson(line) {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** Flattens a result object into [metric, value] pairs ("latency.p99_ms", 1.23). */
function metrics(result, prefix = '') {
  return Object.entries(result).flatMap(([key, value]) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? metrics(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value]],
  );
}

function formatValue(value) {
  if (typeof value !== 'number' || Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

function printSummary(outcomes) {
  const rows = [['bench', 'metric', 'value']];
  for (const { name, code, seconds, results } of outcomes) {
    const status =
      code !== 0 ? `FAILED (exit ${code})` : results.length === 0 ? 'FAILED (no JSON line)' : 'ok';
    rows.push([name, 'status', `${status}, ${seconds.toFixed(1)} s`]);
    for (const [metric, value] of results.flatMap((result) => metrics(result))) {
      rows.push(['', metric, formatValue(value)]);
    }
  }
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) => `  ${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2]}`);
  console.log(`\n${paint('1', lines[0])}\n${lines.slice(1).join('\n')}\n`);
}

main(async () => {
  stopOnSignals();
  const benches = selectBenches(process.argv.slice(2));
  if (benches.length === 0) throw new Error('no benchmark to run (see BENCHES in scripts/bench.mjs)');
  await ensureInstalled();
  await build();
  const redis = await findOrStartRedis({ purpose: 'bench', throwaway: true });
  const outcomes = [];
  try {
    for (const file of benches) {
      if (wasStopRequested()) break;
      log(paint('1', `bench ${file}`));
      outcomes.push(await runBench(file, redis.url));
    }
  } finally {
    await redis.stop();
  }
  printSummary(outcomes);
  const failed = outcomes.some((outcome) => outcome.code !== 0 || outcome.results.length === 0);
  process.exit(wasStopRequested() ? 130 : failed ? 1 : 0);
});
