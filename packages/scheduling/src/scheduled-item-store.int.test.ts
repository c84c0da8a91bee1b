import { keySpace } from '@hark/core';
import { connectTestRedis, type TestRedis } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ItemStore } from './item-store.js';
import { parseMember, type SchedulePort } from './schedule-port.js';
import { ScheduledItemStore } from './scheduled-item-store.js';
import { schedulingKeys } from './scheduling-keys.js';

/** An item due at `dueAt`, or never while it is null (as a paused timer). */
const dueItemSchema = z.object({
  id: z.string(),
  version: z.number(),
  createdAt: z.string(),
  dueAt: z.number().nullable(),
});
type DueItem = z.infer<typeof dueItemSchema>;

let testRedis: TestRedis;
let store: ItemStore<DueItem>;
/** What the stored item's version was at the moment of each schedule call. */
let calls: string[];

beforeEach(async () => {
  testRedis = await connectTestRedis('scheduled-store');
  const keys = schedulingKeys(keySpace(testRedis.prefix));
  store = new ItemStore(testRedis.redis, keys, 'timer', dueItemSchema, { streamCap: 100 });
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
    const items = new ScheduledItemStore(store, spyingPort, (item: DueItem) => item.dueAt);
    const dueAt = Date.parse('2026-11-26T12:01:00Z');
    const moveTo = (next: number | null) => (current: DueItem) => ({
      next: { ...current, version: current.version + 1, dueAt: next },
    });
    const item = await items.create('ada', {
      next: { id: 't1', version: 1, createdAt: '2026-11-26T12:00:00.000Z', dueAt },
    });
    await items.change('ada', item.id, moveTo(dueAt + 60_000)); // as "add a minute"
    await items.change('ada', item.id, moveTo(null)); // as "pause"
    await items.change('ada', item.id, moveTo(dueAt + 120_000)); // as "resume"
    expect(calls).toEqual([
      'schedule v1 while stored v0', // create: scheduled before it exists
      'schedule v2 while stored v1', // add time: new due time first...
      'unschedule v1 while stored v2', // ...the old one goes after the change
      'unschedule v2 while stored v3', // pause: nothing new is due
      'schedule v4 while stored v3', // resume
    ]);
  });
});
