import type { EntitlementChange } from '@hark/contracts';
import { type Clock, fixedClock, keySpace, type RedisClient } from '@hark/core';
import {
  connectTestRedis,
  grantProjection,
  keysMatching,
  type TestRedis,
  testPlans,
  writeTestPlans,
} from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EntitlementKeys, entitlementKeys } from './entitlement-keys.js';
import { createEntitlementsClient, type EntitlementsClient } from './entitlements-client.js';

let testRedis: TestRedis;
let keys: EntitlementKeys;
const opened: { client: EntitlementsClient; connections: RedisClient[] }[] = [];

beforeEach(async () => {
  testRedis = await connectTestRedis('entitlements-client');
  keys = entitlementKeys(keySpace(testRedis.prefix));
  await writeTestPlans(testRedis.redis, keys.plans());
});

afterEach(async () => {
  for (const { client, connections } of opened.splice(0)) {
    await client.stop();
    for (const connection of connections) connection.disconnect();
  }
  await testRedis.cleanup();
});

/** A started client with its own connections, like one service instance. */
async function startClientWith(clock?: Clock) {
  const redis = testRedis.redis.duplicate();
  const subscriber = testRedis.redis.duplicate();
  const problems: string[] = [];
  const client = createEntitlementsClient({
    redis,
    subscriber,
    keys,
    ...(clock ? { clock } : {}),
    onProblem: (problem) => problems.push(problem),
  });
  await client.start();
  opened.push({ client, connections: [redis, subscriber] });
  return { client, subscriber, problems };
}

const startClient = async (clock?: Clock) => (await startClientWith(clock)).client;

const publish = (change: EntitlementChange) =>
  testRedis.redis.publish(keys.entitlementsChannel(), JSON.stringify(change));

async function setProjection(userId: string, planId: string): Promise<void> {
  await testRedis.redis.set(keys.entitlement(userId), JSON.stringify(grantProjection(userId, planId)));
  await publish({ kind: 'user', userId });
}

/** Polls until `condition` holds; resolves the milliseconds it took. */
async function within(ms: number, condition: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.now() - started;
}

describe('check and limit', () => {
  it('answer from the plan, a grant and the kill switches', async () => {
    const client = await startClient();
    expect(await client.check('ada', 'conversation')).toBe(false);
    expect(await client.limit('ada', 'timers.max_active')).toBe(10);
    expect(await client.limit('ada', 'conversation.turns_per_day')).toBe(0);
    expect(await client.limit('ada', 'alarms.max_active')).toBeNull();

    await setProjection('ada', 'premium');
    await within(1_000, async () => client.check('ada', 'conversation'));
    expect(await client.limit('ada', 'timers.max_active')).toBe(50);
    expect(await client.entitlements('ada')).toMatchObject({ planId: 'premium', source: 'grant' });

    await testRedis.redis.hset(keys.killSwitches(), 'conversation', 'off');
    await publish({ kind: 'kill-switch', feature: 'conversation' });
    await within(1_000, async () => !(await client.check('ada', 'conversation')));
    expect(await client.check('ada', 'voice.tts')).toBe(true);
  });

  it('answers no limit at all while no plan is defined in Redis', async () => {
    await testRedis.redis.del(keys.plans());
    const client = await startClient();
    expect(await client.limit('ada', 'timers.max_active')).toBeNull();
    expect(await client.check('ada', 'conversation')).toBe(false);
  });

  it('serves from memory until a change message drops the entry, within 100 ms', async () => {
    const client = await startClient();
    expect(await client.limit('ada', 'timers.max_active')).toBe(10);
    const changed = { ...testPlans.free, limits: { ...testPlans.free.limits, 'timers.max_active': 12 } };
    await writeTestPlans(testRedis.redis, keys.plans(), [changed]);
    expect(await client.limit('ada', 'timers.max_active')).toBe(10);

    await publish({ kind: 'plan', planId: 'free' });
    const took = await within(100, async () => (await client.limit('ada', 'timers.max_active')) === 12);
    expect(took).toBeLessThan(100);
  });

  it('drops everything on a message it cannot read', async () => {
    const client = await startClient();
    expect(await client.check('ada', 'conversation')).toBe(false);
    await testRedis.redis.set(keys.entitlement('ada'), JSON.stringify(grantProjection('ada', 'premium')));
    await testRedis.redis.publish(keys.entitlementsChannel(), 'not json');
    await within(1_000, async () => client.check('ada', 'conversation'));
  });

  it('starts again from an empty cache when its subscription comes back after a drop', async () => {
    const { client, subscriber, problems } = await startClientWith();
    expect(await client.check('ada', 'conversation')).toBe(false);
    const restored = new Promise((resolve) => subscriber.once('ready', resolve));
    subscriber.disconnect(true);
    // Changed while no message can arrive: only the drop on reconnect makes it visible.
    await testRedis.redis.set(keys.entitlement('ada'), JSON.stringify(grantProjection('ada', 'premium')));
    await restored;
    expect(await client.check('ada', 'conversation')).toBe(true);
    expect(problems).toEqual([expect.stringContaining('restored')]);
  });

  it('reads Redis directly once stopped, since no change message can reach it', async () => {
    const client = await startClient();
    expect(await client.check('ada', 'conversation')).toBe(false);
    await client.stop();
    await testRedis.redis.set(keys.entitlement('ada'), JSON.stringify(grantProjection('ada', 'premium')));
    expect(await client.check('ada', 'conversation')).toBe(true);
  });
});

describe('consume', () => {
  it('never lets 200 concurrent calls on two instances exceed the limit', async () => {
    const limited = { ...testPlans.premium, id: 'limited', limits: { 'conversation.turns_per_day': 37 } };
    await writeTestPlans(testRedis.redis, keys.plans(), [limited]);
    await testRedis.redis.set(keys.entitlement('ada'), JSON.stringify(grantProjection('ada', 'limited')));
    const [first, second] = [await startClient(), await startClient()];
    const amounts = Array.from({ length: 200 }, (_, i) => 1 + (i % 3));
    const results = await Promise.all(
      amounts.map((amount, i) =>
        (i % 2 ? first : second).consume('ada', 'conversation.turns_per_day', amount),
      ),
    );
    const taken = amounts.filter((_, i) => results[i]!.allowed).reduce((sum, amount) => sum + amount, 0);
    const usage = await first.usage('ada', 'conversation.turns_per_day');
    expect(usage.used).toBe(taken);
    expect(taken).toBeLessThanOrEqual(37);
    // Refusals happen only when the amount asked no longer fits.
    expect(results.every((r, i) => r.allowed || r.used + amounts[i]! > 37)).toBe(true);
    expect(Math.max(...results.map((r) => r.used))).toBeLessThanOrEqual(37);
  });

  it('counts per UTC day and starts again at midnight', async () => {
    const clock = fixedClock('2026-11-26T23:59:58Z');
    await setProjection('ada', 'premium');
    const client = await startClient(clock);
    const first = await client.consume('ada', 'conversation.turns_per_day', 199);
    expect(first).toMatchObject({ allowed: true, used: 199, limit: 200, remaining: 1, period: '2026-11-26' });
    expect(first.resetsAt).toBe('2026-11-27T00:00:00.000Z');
    expect(await client.consume('ada', 'conversation.turns_per_day', 2)).toMatchObject({
      allowed: false,
      used: 199,
    });

    const ttl = await testRedis.redis.ttl(keys.usage('ada', 'conversation.turns_per_day', '2026-11-26'));
    expect(ttl).toBeGreaterThan(3_600);
    expect(ttl).toBeLessThanOrEqual(3_602);

    clock.advance(2_000);
    expect(await client.consume('ada', 'conversation.turns_per_day', 2)).toMatchObject({
      allowed: true,
      used: 2,
      period: '2026-11-27',
    });
  });

  it('counts trial turns per UTC month', async () => {
    const clock = fixedClock('2026-11-30T23:00:00Z');
    const client = await startClient(clock);
    for (let turn = 1; turn <= 5; turn++) {
      expect(await client.consume('bob', 'conversation.trial_turns_per_month')).toMatchObject({
        allowed: true,
        used: turn,
      });
    }
    expect(await client.consume('bob', 'conversation.trial_turns_per_month')).toMatchObject({
      allowed: false,
      used: 5,
      remaining: 0,
      resetsAt: '2026-12-01T00:00:00.000Z',
    });
    clock.set('2026-12-01T00:00:00Z');
    expect(await client.usage('bob', 'conversation.trial_turns_per_month')).toMatchObject({
      used: 0,
      remaining: 5,
    });
  });

  it('allows nothing of a quota the plan does not define, and writes nothing', async () => {
    const client = await startClient();
    expect(await client.consume('bob', 'conversation.turns_per_day')).toMatchObject({
      allowed: false,
      limit: 0,
    });
    expect(await keysMatching(testRedis.redis, `${testRedis.prefix}*usage*`)).toEqual([]);
  });

  it('refunds units, never below zero, to the period they were taken from', async () => {
    const clock = fixedClock('2026-11-26T23:59:59Z');
    await setProjection('ada', 'premium');
    const client = await startClient(clock);
    const taken = await client.consume('ada', 'conversation.turns_per_day', 3);
    clock.advance(2_000);
    expect(await client.refund('ada', 'conversation.turns_per_day', 2, taken.period)).toEqual({
      used: 1,
      period: '2026-11-26',
    });
    expect(await client.refund('ada', 'conversation.turns_per_day', 5, taken.period)).toMatchObject({
      used: 0,
    });
    expect(await client.refund('ada', 'conversation.turns_per_day')).toEqual({
      used: 0,
      period: '2026-11-27',
    });
    await expect(client.consume('ada', 'conversation.turns_per_day', 0)).rejects.toThrow(RangeError);
  });
});
