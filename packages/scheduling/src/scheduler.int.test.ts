import { fixedClock, keySpace, type RedisClient, systemClock } from '@hark/core';
import { connectTestRedis, type TestRedis } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DueEntry, type DueHandler, Scheduler } from './scheduler.js';
import { type SchedulingKeys, schedulingKeys } from './scheduling-keys.js';

let testRedis: TestRedis;
let keys: SchedulingKeys;
const subscribers: RedisClient[] = [];
const schedulers: Scheduler[] = [];

beforeEach(async () => {
  testRedis = await connectTestRedis('scheduler');
  keys = schedulingKeys(keySpace(testRedis.prefix));
});
afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop()));
  for (const subscriber of subscribers.splice(0)) subscriber.disconnect();
  await testRedis.cleanup();
});

function makeScheduler(
  handler: DueHandler,
  options: { clock?: ReturnType<typeof fixedClock>; leaseMs?: number; batchSize?: number } = {},
) {
  const subscriber = testRedis.redis.duplicate();
  subscribers.push(subscriber);
  const scheduler = new Scheduler({
    redis: testRedis.redis,
    subscriber,
    keys,
    clock: options.clock ?? systemClock,
    handler,
    leaseMs: options.leaseMs,
    batchSize: options.batchSize,
  });
  schedulers.push(scheduler);
  return scheduler;
}

const recordAll =
  (seen: DueEntry[]): DueHandler =>
  async (entries) => {
    seen.push(...entries);
    return entries.map((entry) => entry.member);
  };

describe('Scheduler', () => {
  it('hands out only what is due, with its due time', async () => {
    const clock = fixedClock('2026-11-26T12:00:00Z');
    const seen: DueEntry[] = [];
    const scheduler = makeScheduler(recordAll(seen), { clock });
    const now = clock.now().getTime();
    await scheduler.schedule(`t|u|a|1|${now - 10}`, now - 10);
    await scheduler.schedule(`t|u|b|1|${now + 10}`, now + 10);
    expect(await scheduler.runDue()).toBe(1);
    expect(seen).toEqual([{ member: `t|u|a|1|${now - 10}`, dueAt: now - 10 }]);
    clock.advance(10);
    expect(await scheduler.runDue()).toBe(1);
    expect(await scheduler.runDue()).toBe(0);
    expect(await testRedis.redis.zcard(keys.scheduleClaimed())).toBe(0);
  });

  it('two instances racing never hand out one member twice', async () => {
    const clock = fixedClock('2026-11-26T12:00:00Z');
    const now = clock.now().getTime();
    const seenA: DueEntry[] = [];
    const seenB: DueEntry[] = [];
    const a = makeScheduler(recordAll(seenA), { clock, batchSize: 7 });
    const b = makeScheduler(recordAll(seenB), { clock, batchSize: 7 });
    const members = Array.from({ length: 500 }, (_, i) => `t|u|${i}|1|${now - i}`);
    await testRedis.redis.zadd(keys.scheduleDue(), ...members.flatMap((m, i) => [now - i, m]));
    await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
    const all = [...seenA, ...seenB].map((e) => e.member);
    expect(all.length).toBe(500);
    expect(new Set(all).size).toBe(500);
    expect(seenA.length).toBeGreaterThan(0);
    expect(seenB.length).toBeGreaterThan(0);
  });

  it('retries work whose handler did not finish once the lease runs out (a crashed instance)', async () => {
    const clock = fixedClock('2026-11-26T12:00:00Z');
    const now = clock.now().getTime();
    const crashed = makeScheduler(async () => [], { clock, leaseMs: 1_000 });
    await crashed.schedule(`t|u|x|1|${now}`, now);
    expect(await crashed.runDue()).toBe(1);
    const seen: DueEntry[] = [];
    const survivor = makeScheduler(recordAll(seen), { clock, leaseMs: 1_000 });
    expect(await survivor.runDue()).toBe(0);
    clock.advance(1_001);
    expect(await survivor.runDue()).toBe(1);
    expect(seen).toEqual([{ member: `t|u|x|1|${now}`, dueAt: now }]);
    expect(await testRedis.redis.zcard(keys.scheduleClaimed())).toBe(0);
  });

  it('wakes at the due time without polling, and early when sooner work is scheduled elsewhere', async () => {
    const fired: Array<{ member: string; at: number }> = [];
    const sleeper = makeScheduler(async (entries) => {
      for (const entry of entries) fired.push({ member: entry.member, at: Date.now() });
      return entries.map((e) => e.member);
    });
    await sleeper.start();
    const other = makeScheduler(async () => []);
    const later = Date.now() + 60_000;
    await other.schedule(`t|u|late|1|${later}`, later);
    const soon = Date.now() + 150;
    await other.schedule(`t|u|soon|1|${soon}`, soon);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(fired.map((f) => f.member)).toEqual([`t|u|soon|1|${soon}`]);
    expect(fired[0]!.at - soon).toBeGreaterThanOrEqual(0);
    // Far below the 60 s longest sleep: it was woken, not polled.
    expect(fired[0]!.at - soon).toBeLessThan(1_000);
  });

  it('announces new work only when it is now the earliest', async () => {
    const listener = testRedis.redis.duplicate();
    subscribers.push(listener);
    const announced: number[] = [];
    listener.on('message', (_channel: string, message: string) => announced.push(Number(message)));
    await listener.subscribe(keys.scheduleChannel());
    const scheduler = makeScheduler(async () => []);
    const base = Date.now() + 60_000;
    await scheduler.schedule(`t|u|a|1|${base + 1_000}`, base + 1_000); // the first: announced
    await scheduler.schedule(`t|u|b|1|${base + 5_000}`, base + 5_000); // behind a: not announced
    await scheduler.schedule(`t|u|c|1|${base + 500}`, base + 500); // ahead of a: announced
    await scheduler.schedule(`t|u|c|1|${base + 500}`, base + 9_000); // moved behind: not announced
    await scheduler.schedule(`t|u|d|1|${base + 1_000}`, base + 1_000); // level with a, sorts after it
    await scheduler.schedule(`t|u|e|1|${base + 100}`, base + 100); // the earliest again: announced
    await expect.poll(() => announced.at(-1), { timeout: 2_000 }).toBe(base + 100);
    expect(announced).toEqual([base + 1_000, base + 500, base + 100]);
  });

  it('keeps a wake-up for sooner work announced while it was handling due work', async () => {
    let release!: () => void;
    const handlerBlocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fired: Array<{ member: string; at: number }> = [];
    const sleeper = makeScheduler(async (entries) => {
      for (const entry of entries) fired.push({ member: entry.member, at: Date.now() });
      if (entries.some((entry) => entry.member.includes('|now|'))) await handlerBlocked;
      return entries.map((e) => e.member);
    });
    const other = makeScheduler(async () => []);
    const now = Date.now();
    await other.schedule(`t|u|now|1|${now}`, now);
    await other.schedule(`t|u|late|1|${now + 60_000}`, now + 60_000);
    await sleeper.start(); // claims "now" and blocks in its handler, having read "late" as next due
    await expect.poll(() => fired.length).toBe(1);
    const soon = Date.now() + 150;
    await other.schedule(`t|u|soon|1|${soon}`, soon); // announced while the handler is blocked
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await expect.poll(() => fired.map((f) => f.member), { timeout: 1_500 }).toContain(`t|u|soon|1|${soon}`);
    expect(fired.find((f) => f.member.includes('|soon|'))!.at - soon).toBeLessThan(1_000);
  });

  it('keeps work due beyond the setTimeout limit (24.8 days) and fires it then', async () => {
    const clock = fixedClock('2026-11-26T12:00:00Z');
    const seen: DueEntry[] = [];
    const scheduler = makeScheduler(recordAll(seen), { clock });
    const due = clock.now().getTime() + 40 * 24 * 3600 * 1000;
    await scheduler.schedule(`t|u|far|1|${due}`, due);
    await scheduler.start();
    expect(await scheduler.runDue()).toBe(0);
    clock.set(new Date(due));
    expect(await scheduler.runDue()).toBe(1);
    expect(seen[0]!.dueAt).toBe(due);
  });
});
