import { createKeys, fixedClock, ItemStore, type Keys } from '@hark/core';
import { connectTestRedis, type TestRedis } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TimerItem, timerDueTime, timerItemSchema } from '../timers/timer-item.js';
import { TimerService } from '../timers/timer-service.js';
import { fixedLimits } from './limits.js';
import { parseMember, type SchedulePort } from './schedule-port.js';
import { ScheduledItemStore } from './scheduled-store.js';

let testRedis: TestRedis;
let keys: Keys;
let store: ItemStore<TimerItem>;
/** What the stored timer's version was at the moment of each schedule call. */
let calls: string[];

beforeEach(async () => {
  testRedis = await connectTestRedis('scheduled-store');
  keys = createKeys(testRedis.prefix);
  store = new ItemStore(testRedis.redis, keys, 'timer', timerItemSchema, { streamCap: 100 });
  calls = [];
});
afterEach(() => testRedis.cleanup());

/** Records each call with the version the item had in Redis right then. */
const spyingPort: SchedulePort = {
  async schedule(member) {
    const ref = parseMember(member)!;
    calls.push(
      `schedule v${ref.version} while stored v${(await store.get(ref.userId, ref.itemId))?.version ?? 0}`,
    );
  },
  async unschedule(member) {
    const ref = parseMember(member)!;
    calls.push(
      `unschedule v${ref.version} while stored v${(await store.get(ref.userId, ref.itemId))?.version}`,
    );
  },
};

describe('ScheduledItemStore', () => {
  it('schedules a new due time before the change that makes it current, and unschedules the old one after', async () => {
    const timers = new TimerService(
      new ScheduledItemStore(store, spyingPort, timerDueTime),
      fixedClock('2026-11-26T12:00:00Z'),
      fixedLimits({ timer: 5, alarm: 5, reminder: 5 }),
    );
    const timer = await timers.start('ada', { durationSeconds: 60 });
    await timers.addTime('ada', timer.id, 60);
    await timers.pause('ada', timer.id);
    await timers.resume('ada', timer.id);
    expect(calls).toEqual([
      'schedule v1 while stored v0', // start: scheduled before it exists
      'schedule v2 while stored v1', // add time: new due time first...
      'unschedule v1 while stored v2', // ...the old one goes after the change
      'unschedule v2 while stored v3', // pause: nothing new is due
      'schedule v4 while stored v3', // resume
    ]);
  });
});
