// Redis stops answering without closing its connections (SIGSTOP: a hung server, or a network that
// drops packets without a reset). Nothing tells the client the server is gone, so only a bound on
// each command (ioredis' commandTimeout, packages/core/src/redis.ts) keeps requests from hanging:
// every request answers 503 HARK_ERR_UNAVAILABLE within that bound, /healthz stays up, /readyz says
// not ready, and once Redis answers again the router serves again by itself, state intact.
import { keySpace, REDIS_COMMAND_TIMEOUT_MS } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import { testPlans, writeTestPlans } from '@hark/testing';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { DisposableRedis, redisServerPath } from './support/disposable-redis.js';
import { ADMIN_TOKEN, get, type Outcome, post, timed, userWithKey, waitUntil } from './support/hark-http.js';
import { chaosRuns } from './support/leases.js';
import { killAll, type ServiceProcess, startService } from './support/service-process.js';

const PREFIX = 'chaos:freeze:';
const keys = entitlementKeys(keySpace(PREFIX));
/** Slack over the command timeout for the router's own work on a loaded 2-core machine. */
const SLACK_MS = 1_500;

let redis: DisposableRedis | undefined;
let check: Redis | undefined;
let services: ServiceProcess[] = [];
afterEach(async () => {
  await killAll(services);
  services = [];
  check?.disconnect();
  await redis?.stop();
});

describe.skipIf(!chaosRuns || !redisServerPath)('Redis frozen (answers nothing, drops nothing)', () => {
  it('answers 503 within the command timeout instead of hanging, and recovers when Redis wakes', async () => {
    redis = await DisposableRedis.start();
    check = new Redis(redis.url);
    check.on('error', () => undefined);
    await writeTestPlans(check, keys.plans(), [testPlans.free, testPlans.premium]);
    const router = await startService(
      'router',
      { REDIS_PREFIX: PREFIX, ADMIN_TOKEN, INTERNAL_TOKEN: 'chaos-internal-token-1', SEED_DEMO: 'false' },
      { redisUrl: redis.url },
    );
    services.push(router);
    const apiKey = await userWithKey(router.url, 'sleeper');
    const started = performance.now();
    const before = await timed(started, `${router.url}/v1/timers`, post(apiKey, { durationSeconds: 600 }));
    expect(before.status).toBe(201);

    redis.freeze();
    const requests: Promise<Outcome>[] = [];
    for (let n = 0; n < 4; n++) {
      requests.push(timed(started, `${router.url}/v1/timers`, get(apiKey)));
      requests.push(timed(started, `${router.url}/v1/converse`, post(apiKey, { text: 'what time is it' })));
      requests.push(timed(started, `${router.url}/v1/lists`, get(apiKey)));
    }
    const [healthz, readyz, ...outcomes] = await Promise.all([
      timed(started, `${router.url}/healthz`),
      timed(started, `${router.url}/readyz`),
      ...requests,
    ]);
    expect(outcomes.map((o) => [o.status, o.code])).toEqual(
      outcomes.map(() => [503, 'HARK_ERR_UNAVAILABLE']),
    );
    const slowest = Math.max(...outcomes.map((o) => o.ms));
    expect(slowest).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS + SLACK_MS);
    expect(healthz!.status).toBe(200);
    expect(readyz!.status).toBe(503);

    redis.thaw();
    const thawedAt = performance.now();
    const answers = async () => (await timed(started, `${router.url}/v1/timers`, get(apiKey))).status === 200;
    await waitUntil(answers, 10_000, 'the router to answer again after Redis woke');
    const recoveredMs = performance.now() - thawedAt;
    const listed = await timed(started, `${router.url}/v1/timers`, get(apiKey));
    const ids = (listed.body as { timers: { id: string }[] }).timers.map((timer) => timer.id);
    expect(ids).toContain((before.body as { timer: { id: string } }).timer.id);
    expect(router.alive()).toBe(true);
    console.info(
      `redis frozen: ${outcomes.length} requests, each 503 HARK_ERR_UNAVAILABLE, slowest ` +
        `${slowest.toFixed(0)} ms (command timeout ${REDIS_COMMAND_TIMEOUT_MS} ms); /healthz 200, /readyz 503; ` +
        `answering again ${recoveredMs.toFixed(0)} ms after Redis woke`,
    );
  }, 30_000);
});
