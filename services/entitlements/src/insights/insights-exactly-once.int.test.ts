import { fixedClock, keySpace, type RedisClient } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import { type InteractionKeys, interactionKeys, recordInteraction } from '@hark/interactions';
import { connectTestRedis, createTestRedisClient, type TestRedis } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EntitlementsServiceKeys, entitlementsServiceKeys } from '../entitlements-service-keys.js';
import { PlanStore } from '../plans/plan-store.js';
import { CustomerClassifier } from './customer-class.js';
import { InsightsFolder } from './insights-folder.js';

// Two folders on two connections, as two entitlement instances would be: every event must be
// counted exactly once whatever the interleaving, with or without the lock.
let testRedis: TestRedis;
let other: RedisClient;
let keys: EntitlementsServiceKeys & InteractionKeys;
const clock = fixedClock('2026-05-10T00:00:00Z');
const EVENTS = 2_000;
const days = ['2026-05-01', '2026-05-02', '2026-05-03'];

beforeEach(async () => {
  testRedis = await connectTestRedis('insights-race');
  other = createTestRedisClient();
  await other.connect();
  const space = keySpace(testRedis.prefix);
  keys = { ...entitlementsServiceKeys(space), ...interactionKeys(space) };
  const pipeline = [];
  for (let index = 0; index < EVENTS; index++) {
    pipeline.push(
      recordInteraction(testRedis.redis, keys, {
        userId: `user-${index % 40}`,
        plan: index % 4 === 0 ? 'premium' : 'free',
        handledBy: index % 5 === 0 ? 'llm' : 'skill',
        intent: index % 5 === 0 ? null : 'timer.start',
        outcome: 'ok',
        latencyMs: 5,
        costMicroUsd: index % 5 === 0 ? 3 : undefined,
        at: new Date(`${days[index % 3]}T12:00:00Z`),
      }),
    );
  }
  await Promise.all(pipeline);
});
afterEach(async () => {
  other.disconnect();
  await testRedis.cleanup();
});

const folder = (redis: RedisClient) => {
  const space = keySpace(testRedis.prefix);
  const plans = new PlanStore(redis, entitlementKeys(space), () => undefined);
  const classes = { ...keys, ...entitlementKeys(space) };
  const classifier = new CustomerClassifier({ redis, keys: classes, plans, clock });
  return new InsightsFolder({ redis, keys, clock, classifier, batchSize: 37 });
};

/** What the rollups add up to: interactions and LLM cost over the days, and the state's count. */
async function rollupTotals() {
  let interactions = 0;
  let cost = 0;
  for (const day of days) {
    for (const [field, value] of Object.entries(await testRedis.redis.hgetall(keys.insightsDay(day)))) {
      if (field.startsWith('n|')) interactions += Number(value);
      if (field.startsWith('costMicroUsd|')) cost += Number(value);
    }
  }
  const ranked = await testRedis.redis.zrange(keys.insightsLlmCost('2026-05', 'free'), 0, -1, 'WITHSCORES');
  const perUserCost = ranked
    .filter((_, index) => index % 2 === 1)
    .reduce((sum, score) => sum + Number(score), 0);
  const eventsFolded = Number(await testRedis.redis.hget(keys.insightsState(), 'eventsFolded'));
  return { interactions, cost, perUserCost, eventsFolded };
}

const expected = { interactions: EVENTS, cost: (EVENTS / 5) * 3, eventsFolded: EVENTS };
// LLM events are every 5th; of those, the ones with index % 4 !== 0 are on free: index % 20 in {5, 10, 15}.
const freeLlmCost = (EVENTS / 20) * 3 * 3;

describe('insights fold, exactly once', () => {
  it('commits each batch once when two folders race batch by batch without the lock', async () => {
    const drain = async (racer: InsightsFolder) => {
      let committed = 0;
      let lost = 0;
      for (;;) {
        const result = await racer.foldBatch();
        if (result === 0) return { committed, lost };
        if (result < 0) lost++;
        else committed += result;
      }
    };
    const [a, b] = await Promise.all([drain(folder(testRedis.redis)), drain(folder(other))]);
    expect(a.committed + b.committed).toBe(EVENTS);
    expect(await rollupTotals()).toEqual({ ...expected, perUserCost: freeLlmCost });
  });

  it('lets one folder work while the other finds the lock busy, and counts everything once', async () => {
    const results = await Promise.all([
      folder(testRedis.redis).fold({ maxMs: 10_000 }),
      folder(other).fold({ maxMs: 10_000 }),
    ]);
    const folded = results.reduce((sum, result) => sum + result.folded, 0);
    // Whether the two overlapped or ran one after the other, nothing is counted twice.
    expect(folded).toBe(EVENTS);
    expect(results.some((result) => result.caughtUp)).toBe(true);
    expect(await rollupTotals()).toEqual({ ...expected, perUserCost: freeLlmCost });
    expect(await testRedis.redis.exists(keys.insightsFoldLock())).toBe(0);
  });

  it('folds what arrives later on the next run, from where the last one stopped', async () => {
    const first = await folder(testRedis.redis).fold({ maxMs: 10_000, maxBatches: 10 });
    expect(first).toEqual({ folded: 370, busy: false, caughtUp: false });
    expect((await rollupTotals()).interactions).toBe(370);
    await recordInteraction(testRedis.redis, keys, {
      userId: 'late',
      plan: 'free',
      handledBy: 'fallback',
      outcome: 'ok',
      latencyMs: 1,
      at: new Date('2026-05-03T23:59:59Z'),
    });
    const rest = await folder(other).fold({ maxMs: 10_000 });
    expect(rest).toEqual({ folded: EVENTS + 1 - 370, busy: false, caughtUp: true });
    expect((await rollupTotals()).interactions).toBe(EVENTS + 1);
    expect(await testRedis.redis.pfcount(keys.insightsUsers('2026-05-03', 'free', 'fallback'))).toBe(1);
  });
});
