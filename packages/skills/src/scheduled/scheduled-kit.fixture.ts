import { fixedClock, type KeySpace, keySpace, type RedisClient } from '@hark/core';
import { type ScheduledKind, Scheduler, type SchedulingKeys, schedulingKeys } from '@hark/scheduling';
import { connectTestRedis, type TestRedis } from '@hark/testing';
import { fixedLimits } from './limits.js';
import { createScheduledItems, type ScheduledItems } from './scheduled-items.js';

export interface DeviceEventRecord {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/** The services on the real test Redis, a fixed clock, and the real (unstarted) Scheduler to fire them. */
export interface ScheduledKit extends ScheduledItems {
  redis: RedisClient;
  /** The test's keys, and those of scheduling among them. */
  space: KeySpace;
  keys: SchedulingKeys;
  clock: ReturnType<typeof fixedClock>;
  scheduler: Scheduler;
  /** The user's device events, oldest first. */
  events(userId: string): Promise<DeviceEventRecord[]>;
  /** Pending members with their due times, soonest first. */
  pending(): Promise<{ member: string; dueAt: number }[]>;
  cleanup(): Promise<void>;
}

export async function startScheduledKit(
  limits: Record<ScheduledKind, number> = { timer: 20, alarm: 50, reminder: 100 },
  startAt = '2026-11-26T12:00:00Z',
): Promise<ScheduledKit> {
  const testRedis: TestRedis = await connectTestRedis('scheduled');
  const { redis } = testRedis;
  const space = keySpace(testRedis.prefix);
  const keys = schedulingKeys(space);
  const clock = fixedClock(startAt);
  // Never subscribed (nor connected: the test client is lazy, and so is its duplicate): tests
  // drive the scheduler with runDue() and the fixed clock.
  const subscriber = redis.duplicate();
  const scheduler = new Scheduler({
    redis,
    subscriber,
    keys,
    clock,
    handler: (entries) => items.handleDue(entries),
  });
  const items = createScheduledItems({
    redis,
    keys,
    clock,
    schedule: scheduler,
    limits: fixedLimits(limits),
  });
  return {
    ...items,
    redis,
    space,
    keys,
    clock,
    scheduler,
    async events(userId) {
      const entries = await redis.xrange(keys.events(userId), '-', '+');
      return entries.map(([id, fields]) => ({ id, type: fields[1]!, data: JSON.parse(fields[3]!) }));
    },
    async pending() {
      const flat = await redis.zrange(keys.scheduleDue(), 0, -1, 'WITHSCORES');
      const pairs: { member: string; dueAt: number }[] = [];
      for (let i = 0; i < flat.length; i += 2) pairs.push({ member: flat[i]!, dueAt: Number(flat[i + 1]) });
      return pairs;
    },
    async cleanup() {
      subscriber.disconnect();
      await testRedis.cleanup();
    },
  };
}
