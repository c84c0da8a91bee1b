/**
 * Scheduler lateness (fire time minus due time) with 100,000 pending items and a steady
 * stream coming due, next to bare setTimeout lateness measured in the same run; then a
 * burst of 10,000 items due in the same millisecond. Each fire does the real work of a
 * timer firing: a compare-and-set of the item plus its device event (compare-and-set-item.lua).
 * Targets: p99 < 10 ms and <= 20x setTimeout's p99; max < 100 ms; the burst within 1 s.
 */
import { randomUUID } from 'node:crypto';
import { createRedis, keySpace, systemClock } from '@hark/core';
import { ItemStore, Scheduler, schedulingKeys } from '@hark/scheduling';
import { z } from 'zod';
import { percentiles, round, sleep } from './lib/stats.js';

const STREAM_ITEMS = 2_000;
const STREAM_SECONDS = 10;
const PENDING = 100_000;
const BURST = 10_000;

const itemSchema = z.object({
  id: z.string(),
  version: z.number(),
  createdAt: z.string(),
  state: z.string(),
});
type Item = z.infer<typeof itemSchema>;

async function setTimeoutLateness(): Promise<number[]> {
  const lateness: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: STREAM_ITEMS }, (_, i) => {
      const dueIn = 500 + (i * STREAM_SECONDS * 1000) / STREAM_ITEMS;
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          lateness.push(performance.now() - start - dueIn);
          resolve();
        }, dueIn),
      );
    }),
  );
  return lateness;
}

async function main(): Promise<void> {
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  await redis.connect();
  const prefix = `bench:${randomUUID().slice(0, 8)}:`;
  const keys = schedulingKeys(keySpace(prefix));
  const store = new ItemStore<Item>(redis, keys, 'timer', itemSchema, { streamCap: 1000 });
  const subscriber = redis.duplicate();
  await subscriber.connect();
  const fired = new Map<string, number>();
  const scheduler = new Scheduler({
    redis,
    subscriber,
    keys,
    clock: systemClock,
    handler: async (entries) => {
      const now = Date.now();
      await Promise.all(
        entries.map(async ({ member, dueAt }) => {
          fired.set(member, now - dueAt);
          const [, userId = '', id = ''] = member.split('|');
          await store.mutate(userId, id, (item) => ({
            next: { ...item, version: item.version + 1, state: 'FINISHED' },
            event: { type: 'timer.finished', data: { id } },
          }));
        }),
      );
      return entries.map((entry) => entry.member);
    },
  });

  console.log(`setTimeout baseline: ${STREAM_ITEMS} timeouts over ${STREAM_SECONDS} s`);
  const baseline = percentiles(await setTimeoutLateness());

  console.log(`loading ${PENDING.toLocaleString()} pending items (due in 1-2 hours)`);
  const far = Date.now() + 3_600_000;
  for (let i = 0; i < PENDING; i += 5_000) {
    const args = Array.from({ length: 5_000 }, (_, j) => [
      far + i + j,
      `timer|u${(i + j) % 1000}|far${i + j}|1|${far + i + j}`,
    ]).flat();
    await redis.zadd(keys.scheduleDue(), ...args);
  }
  await scheduler.start();

  console.log(`steady stream: ${STREAM_ITEMS} timers due over ${STREAM_SECONDS} s, each set 1 s ahead`);
  const streamStart = Date.now() + 1_000;
  const members: string[] = [];
  for (let i = 0; i < STREAM_ITEMS; i++) {
    const dueAt = streamStart + Math.round((i * STREAM_SECONDS * 1000) / STREAM_ITEMS);
    const userId = `u${i % 200}`;
    const id = `s${i}`;
    await sleep(Math.max(0, dueAt - 1_000 - Date.now()));
    await store.create(userId, {
      next: { id, version: 1, createdAt: new Date().toISOString(), state: 'ON' },
    });
    const member = `timer|${userId}|${id}|1|${dueAt}`;
    members.push(member);
    await scheduler.schedule(member, dueAt);
  }
  while (members.some((m) => !fired.has(m))) await sleep(50);
  const stream = percentiles(members.map((m) => fired.get(m)!));

  console.log(`burst: ${BURST.toLocaleString()} timers due in the same millisecond`);
  const burstDue = Date.now() + 3_000;
  const burstMembers: string[] = [];
  for (let i = 0; i < BURST; i += 500) {
    const batch = Array.from({ length: 500 }, (_, j) => ({
      userId: `b${(i + j) % 500}`,
      id: `burst${i + j}`,
    }));
    await Promise.all(
      batch.map(({ userId, id }) =>
        store.create(userId, { next: { id, version: 1, createdAt: new Date().toISOString(), state: 'ON' } }),
      ),
    );
    const args = batch.flatMap(({ userId, id }) => {
      const member = `timer|${userId}|${id}|1|${burstDue}`;
      burstMembers.push(member);
      return [burstDue, member];
    });
    await redis.zadd(keys.scheduleDue(), ...args);
  }
  await redis.publish(keys.scheduleChannel(), String(burstDue));
  while (burstMembers.some((m) => !fired.has(m))) await sleep(20);
  const burst = percentiles(burstMembers.map((m) => fired.get(m)!));

  await scheduler.stop();
  const stale = await redis.keys(`${prefix}*`);
  for (let i = 0; i < stale.length; i += 1_000) await redis.unlink(...stale.slice(i, i + 1_000));
  subscriber.disconnect();
  redis.disconnect();

  const result = {
    name: 'scheduler',
    pending: PENDING,
    setTimeoutP50Ms: round(baseline.p50),
    setTimeoutP99Ms: round(baseline.p99),
    setTimeoutMaxMs: round(baseline.max),
    latenessP50Ms: round(stream.p50),
    latenessP99Ms: round(stream.p99),
    latenessMaxMs: round(stream.max),
    p99VsSetTimeout: round(stream.p99 / Math.max(baseline.p99, 0.001), 1),
    burstItems: BURST,
    burstLastFiredMs: round(burst.max),
    burstP50Ms: round(burst.p50),
  };
  console.log(
    `lateness p50 ${result.latenessP50Ms} ms, p99 ${result.latenessP99Ms} ms, max ${result.latenessMaxMs} ms ` +
      `(setTimeout p99 ${result.setTimeoutP99Ms} ms; ratio ${result.p99VsSetTimeout}); burst of ${BURST} done ${result.burstLastFiredMs} ms after due`,
  );
  console.log(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
