// `npm run chaos`: the fault-injection tests of test/chaos (Redis restart, kill -9 of a router and
// of the entitlement worker, LLM faults, clock skew, graceful shutdown) with the production lease
// of 30 s after which a crashed instance's work is taken over, instead of the 2 s `npm test` uses
// to stay within its time budget. Builds, finds or starts Redis; extra arguments go to vitest.
import { build, ensureInstalled } from './lib/install.mjs';
import { findOrStartRedis } from './lib/redis.mjs';
import { bin, main, run, stopOnSignals, wasStopRequested } from './lib/run.mjs';

main(async () => {
  stopOnSignals();
  await ensureInstalled();
  await build();
  const redis = await findOrStartRedis({ purpose: 'test' });
  let code;
  try {
    const { REDIS_CLUSTER_NODES: _cluster, ...inherited } = process.env;
    const env = { HARK_CHAOS_LEASE_MS: '30000', ...inherited, REDIS_URL: redis.url };
    code = await run(bin('vitest'), ['run', 'test/chaos', ...process.argv.slice(2)], { env });
  } finally {
    await redis.stop();
  }
  process.exit(wasStopRequested() ? 130 : code);
});
