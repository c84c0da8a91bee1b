// `npm test` (and so .ci/run): lint, typecheck + build, then every vitest project against a real
// Redis, then the integration project again against a 3-master Redis Cluster (HARK_TEST_CLUSTER=off
// skips that). Works from a fresh clone. Extra arguments go to vitest: `npm test -- --project unit`.
import { ensureChromium } from './lib/chromium.mjs';
import { ensureInstalled } from './lib/install.mjs';
import { findOrStartRedis } from './lib/redis.mjs';
import { clusterRunArgs, clusterRunEnv, onRedisCluster } from './lib/redis-cluster.mjs';
import { bin, log, main, mustRun, paint, run, stopOnSignals, wasStopRequested } from './lib/run.mjs';

const timings = [];

async function step(name, fn) {
  if (wasStopRequested()) throw Object.assign(new Error('stopped'), { exitCode: 130 });
  log(paint('1', name));
  const started = performance.now();
  try {
    return await fn();
  } finally {
    timings.push([name, performance.now() - started]);
  }
}

function printTimings() {
  const total = timings.reduce((sum, [, ms]) => sum + ms, 0);
  const rows = [...timings, ['total', total]].map(
    ([name, ms]) => `  ${name.padEnd(28)} ${(ms / 1000).toFixed(1)} s`,
  );
  console.log(`\n${rows.join('\n')}`);
}

main(async () => {
  stopOnSignals();
  await step('install (if needed)', () => ensureInstalled());
  await step('lint (biome check .)', () => mustRun(bin('biome'), ['check', '.']));
  await step('typecheck + build (tsc -b)', () => mustRun(bin('tsc'), ['-b']));
  // test/ belongs to no package, so tsc -b does not see it: check it on its own.
  await step('typecheck test/ (tsc -p test)', () => mustRun(bin('tsc'), ['-p', 'test/tsconfig.json']));
  await step('chromium (browser tests)', () => ensureChromium());
  const redis = await step('redis', () => findOrStartRedis({ purpose: 'test' }));
  let code;
  try {
    // REDIS_CLUSTER_NODES (an existing cluster to test on) is for the cluster run only.
    const { REDIS_CLUSTER_NODES: _cluster, ...inherited } = process.env;
    const env = { ...inherited, REDIS_URL: redis.url };
    code = await step('tests (vitest run)', () =>
      run(bin('vitest'), ['run', ...process.argv.slice(2)], { env }),
    );
  } finally {
    await redis.stop();
  }
  const clusterArgs = clusterRunArgs(process.argv.slice(2));
  if (clusterArgs) {
    const clusterCode = await step('tests on Redis Cluster', () =>
      onRedisCluster((env) => run(bin('vitest'), clusterArgs, { env: clusterRunEnv(env) })),
    );
    code ||= clusterCode;
  }
  printTimings();
  process.exit(wasStopRequested() ? 130 : code);
});
