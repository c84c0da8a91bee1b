/**
 * Entitlement checks: check() on a cache hit next to a Map lookup, check() when the user's
 * entry is cold (one Redis GET) and when everything is cold (projection, plans, kill switches)
 * next to a bare GET, consume() next to a bare INCR, all in the same run on the same Redis.
 * Then propagation: a plan change published once, seen by READERS client instances (each with
 * its own connections, like separate router processes).
 * Targets: hit < 0.02 ms; cold user p50 < 0.2 ms; propagation to every reader < 100 ms.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createRedis, keySpace } from '@hark/core';
import {
  createEntitlementsClient,
  type EntitlementKeys,
  type EntitlementsClient,
  entitlementKeys,
} from '@hark/entitlements-client';
import { testPlans, writeTestPlans } from '@hark/testing';
import { percentiles, round } from './lib/stats.js';

const USERS = 1_000;
const HIT_CALLS = 200_000;
const REDIS_CALLS = 5_000;
const READERS = 8;
const PROPAGATION_ROUNDS = 20;
const benchPlan = { ...testPlans.premium, id: 'bench', limits: { 'conversation.turns_per_day': 1e9 } };

type Redis = ReturnType<typeof createRedis>;

/** Times `op` call by call; resolves the durations in ms. */
async function timeEach(count: number, op: (i: number) => unknown): Promise<number[]> {
  const durations = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await op(i);
    durations[i] = Number(process.hrtime.bigint() - started) / 1e6;
  }
  return durations;
}

const summary = (durations: number[]) => {
  const p = percentiles(durations);
  return { p50Ms: round(p.p50, 4), p99Ms: round(p.p99, 4) };
};

/** In microseconds, for in-memory operations that a ms figure would round to zero. */
const summaryUs = (durations: number[]) => {
  const p = percentiles(durations);
  return { p50Us: round(p.p50 * 1000, 2), p99Us: round(p.p99 * 1000, 2) };
};

async function connect(url: string): Promise<Redis> {
  const redis = createRedis(url);
  await redis.connect();
  return redis;
}

async function startReader(url: string, keys: EntitlementKeys) {
  const [redis, subscriber] = [await connect(url), await connect(url)];
  const client = createEntitlementsClient({ redis, subscriber, keys });
  await client.start();
  const close = async () => {
    await client.stop();
    redis.disconnect();
    subscriber.disconnect();
  };
  return { client, close };
}

async function measureReads(client: EntitlementsClient, redis: Redis, keys: EntitlementKeys) {
  const users = Array.from({ length: USERS }, (_, i) => `u${i}`);
  const map = new Map(users.map((user) => [user, { features: { conversation: false } }]));
  await timeEach(HIT_CALLS, (i) => map.get(users[i % USERS]!)?.features.conversation);
  const mapLookup = summaryUs(
    await timeEach(HIT_CALLS, (i) => map.get(users[i % USERS]!)?.features.conversation),
  );
  for (const user of users) await client.check(user, 'conversation');
  await timeEach(HIT_CALLS, (i) => client.check(users[i % USERS]!, 'conversation'));
  const checkHit = summaryUs(
    await timeEach(HIT_CALLS, (i) => client.check(users[i % USERS]!, 'conversation')),
  );

  const coldUser = (i: number) => {
    const userId = users[i % USERS]!;
    client.invalidate({ kind: 'user', userId });
    return client.check(userId, 'conversation');
  };
  await timeEach(REDIS_CALLS / 5, coldUser);
  const checkColdUser = summary(await timeEach(REDIS_CALLS, coldUser));
  const allCold = (i: number) => {
    client.invalidate({ kind: 'plan', planId: 'free' });
    return client.check(users[i % USERS]!, 'conversation');
  };
  const checkAllCold = summary(await timeEach(REDIS_CALLS, allCold));
  const bareGet = summary(await timeEach(REDIS_CALLS, (i) => redis.get(keys.entitlement(users[i % USERS]!))));
  return { mapLookup, checkHit, checkColdUser, checkAllCold, bareGet };
}

async function measureConsume(
  client: EntitlementsClient,
  redis: Redis,
  keys: EntitlementKeys & { prefix: string },
) {
  await redis.set(keys.entitlement('consumer'), JSON.stringify(benchProjection('consumer')));
  client.invalidate({ kind: 'user', userId: 'consumer' });
  const consume = () => client.consume('consumer', 'conversation.turns_per_day');
  await timeEach(REDIS_CALLS / 5, consume);
  const consumed = summary(await timeEach(REDIS_CALLS, consume));
  const bareIncr = summary(await timeEach(REDIS_CALLS, () => redis.incr(`${keys.prefix}bench-incr`)));
  return { consume: consumed, bareIncr };
}

function benchProjection(userId: string) {
  return {
    userId,
    planId: 'bench',
    source: 'grant',
    grant: { planId: 'bench', expiresAt: null, reason: 'bench', grantedBy: 'bench' },
    subscription: null,
    updatedAt: new Date().toISOString(),
  };
}

/** Milliseconds from one publish until every reader answers the new limit. */
async function measurePropagation(url: string, redis: Redis, keys: EntitlementKeys) {
  const readers = await Promise.all(Array.from({ length: READERS }, () => startReader(url, keys)));
  const rounds: number[] = [];
  for (let round = 1; round <= PROPAGATION_ROUNDS; round++) {
    const limit = 100 + round;
    for (const reader of readers) await reader.client.limit('prop', 'timers.max_active');
    const plan = { ...testPlans.free, limits: { ...testPlans.free.limits, 'timers.max_active': limit } };
    await writeTestPlans(redis, keys.plans(), [plan]);
    const published = performance.now();
    await redis.publish(keys.entitlementsChannel(), JSON.stringify({ kind: 'plan', planId: 'free' }));
    const seen = await Promise.all(
      readers.map(async ({ client }) => {
        // setImmediate, not setTimeout(0): a 1 ms timer floor would swamp what is measured.
        while ((await client.limit('prop', 'timers.max_active')) !== limit) await nextTurn();
        return performance.now() - published;
      }),
    );
    rounds.push(Math.max(...seen));
  }
  for (const reader of readers) await reader.close();
  const p = percentiles(rounds);
  return {
    readers: READERS,
    rounds: PROPAGATION_ROUNDS,
    allReadersP50Ms: round(p.p50),
    allReadersMaxMs: round(p.max),
  };
}

async function main(): Promise<void> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `bench:${randomUUID().slice(0, 8)}:`;
  const keys = { prefix, ...entitlementKeys(keySpace(prefix)) };
  const [redis, subscriber] = [await connect(url), await connect(url)];
  await writeTestPlans(redis, keys.plans(), [...Object.values(testPlans), benchPlan]);
  const client = createEntitlementsClient({ redis, subscriber, keys });
  await client.start();

  const reads = await measureReads(client, redis, keys);
  const quota = await measureConsume(client, redis, keys);
  const propagation = await measurePropagation(url, redis, keys);
  await client.stop();
  const stale = await redis.keys(`${keys.prefix}*`);
  if (stale.length > 0) await redis.unlink(...stale);
  redis.disconnect();
  subscriber.disconnect();

  const targetsMet = {
    hitUnder20Us: reads.checkHit.p50Us < 20,
    coldUserP50Under200Us: reads.checkColdUser.p50Ms < 0.2,
    propagationUnder100Ms: propagation.allReadersMaxMs < 100,
  };
  const result = { name: 'entitlements', ...reads, ...quota, propagation, targetsMet };
  console.log(
    `check hit p50 ${reads.checkHit.p50Us} µs (Map ${reads.mapLookup.p50Us} µs; target < 20 µs); ` +
      `cold user p50 ${reads.checkColdUser.p50Ms} ms (bare GET ${reads.bareGet.p50Ms} ms; target < 0.2); ` +
      `consume p50 ${quota.consume.p50Ms} / p99 ${quota.consume.p99Ms} ms (bare INCR ${quota.bareIncr.p50Ms}); ` +
      `plan change seen by ${READERS} readers in ${propagation.allReadersMaxMs} ms at worst (target < 100)`,
  );
  console.log(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
