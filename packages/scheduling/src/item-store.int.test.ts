import { keySpace } from '@hark/core';
import { connectTestRedis, type TestRedis } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ItemStore } from './item-store.js';
import { type SchedulingKeys, schedulingKeys } from './scheduling-keys.js';

const noteSchema = z.object({ id: z.string(), version: z.number(), createdAt: z.string(), text: z.string() });
type Note = z.infer<typeof noteSchema>;

let testRedis: TestRedis;
let keys: SchedulingKeys;
let store: ItemStore<Note>;

beforeEach(async () => {
  testRedis = await connectTestRedis('items');
  keys = schedulingKeys(keySpace(testRedis.prefix));
  store = new ItemStore(testRedis.redis, keys, 'reminder', noteSchema, { streamCap: 100 });
});
afterEach(() => testRedis.cleanup());

const note = (id: string, version = 1, text = 'hello'): Note => ({
  id,
  version,
  createdAt: '2026-11-26T12:00:00.000Z',
  text,
});

describe('ItemStore', () => {
  it('creates once, records the event in the user stream and announces it', async () => {
    const listener = testRedis.redis.duplicate();
    const announced: string[] = [];
    await listener.subscribe(keys.eventsChannel('ada'));
    listener.on('message', (_channel, id) => announced.push(id));
    const first = await store.create('ada', {
      next: note('n1'),
      event: { type: 'reminder.created', data: { id: 'n1' } },
    });
    expect(first.created).toBe(true);
    expect(first.eventId).toMatch(/^\d+-\d+$/);
    expect((await store.create('ada', { next: note('n1') })).created).toBe(false);
    const entries = await testRedis.redis.xrange(keys.events('ada'), '-', '+');
    expect(entries).toEqual([[first.eventId, ['type', 'reminder.created', 'data', '{"id":"n1"}']]]);
    // On a Redis Cluster the announcement may reach the listener through another node: wait for it.
    for (let waited = 0; announced.length === 0 && waited < 2_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 50)); // and for a second one, were there one
    expect(announced).toEqual([first.eventId]);
    listener.disconnect();
  });

  it('refuses a change computed from a stale read, and mutate retries it', async () => {
    await store.create('ada', { next: note('n1') });
    let calls = 0;
    const result = await store.mutate('ada', 'n1', (current) => {
      calls++;
      if (calls === 1)
        void testRedis.redis.set(keys.item('ada', 'reminder', 'n1'), JSON.stringify(note('n1', 2, 'raced')));
      return { next: { ...current, version: current.version + 1, text: `${current.text}!` } };
    });
    // The first attempt read version 1 but the racing write made it 2: recomputed from "raced".
    expect(calls).toBe(2);
    expect(result?.item).toMatchObject({ version: 3, text: 'raced!' });
    expect(await store.get('ada', 'n1')).toMatchObject({ version: 3, text: 'raced!' });
  });

  it('keeps users apart and prunes items that aged out', async () => {
    await store.create('ada', { next: note('n1') });
    await store.create('ada', { next: note('n2'), ttlSeconds: 1 });
    await store.create('bob', { next: note('n3') });
    expect((await store.list('ada')).map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(await store.get('bob', 'n1')).toBeNull();
    await testRedis.redis.del(keys.item('ada', 'reminder', 'n2'));
    expect((await store.list('ada')).map((n) => n.id)).toEqual(['n1']);
    expect(await testRedis.redis.zrange(keys.itemIndex('ada', 'reminder'), 0, -1)).toEqual(['n1']);
  });

  it('rejects changes that do not raise the version by one', async () => {
    await store.create('ada', { next: note('n1') });
    await expect(
      store.mutate('ada', 'n1', (c) => ({ next: { ...c, version: c.version + 2 } })),
    ).rejects.toThrow(/version/);
  });
});
