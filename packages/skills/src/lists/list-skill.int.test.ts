import type { IntentName, Slots } from '@hark/contracts';
import { fixedClock, keySpace } from '@hark/core';
import { connectTestRedis, deleteByPrefix, type TestRedis } from '@hark/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Skill } from '../skill.js';
import { skillKeys } from '../skill-keys.js';
import { testContext } from '../test-context.fixture.js';
import { MAX_ITEMS_PER_LIST } from './list-items.js';
import { createListSkill } from './list-skill.js';
import { ListStore } from './list-store.js';

let testRedis: TestRedis;
let store: ListStore;
let skill: Skill;
// A clock that never moves: insertion order must not depend on it.
const clock = fixedClock('2026-11-26T13:05:00Z');

beforeAll(async () => {
  testRedis = await connectTestRedis('lists');
  store = new ListStore(testRedis.redis, skillKeys(keySpace(testRedis.prefix)), clock);
  skill = createListSkill(store);
});
afterAll(() => testRedis.cleanup());
beforeEach(() => deleteByPrefix(testRedis.redis, testRedis.prefix));

const say = async (intent: IntentName, slots: Slots, userId = 'ada') =>
  (await skill.handle(intent, slots, testContext({ userId }))).reply.text;
const add = (item: string, list = 'shopping', userId?: string) => say('list.add', { item, list }, userId);
const remove = (item: string, list = 'shopping') => say('list.remove', { item, list });
const read = (list = 'shopping', userId?: string) => say('list.read', { list }, userId);

describe('list skill', () => {
  it('adds several items at once and reads them back in order', async () => {
    expect(await add('eggs, milk and bread')).toBe('Added eggs, milk and bread to your shopping list.');
    expect(await add('apples')).toBe('Added apples to your shopping list.');
    expect(await read()).toBe('Your shopping list has 4 items: eggs, milk, bread and apples.');
  });

  it('merges duplicates case-insensitively and keeps the first spelling', async () => {
    await add('Oat Milk, eggs');
    expect(await add('oat milk')).toBe('Oat milk is already on your shopping list.');
    expect(await add('EGGS, butter and eggs')).toBe(
      'Added butter to your shopping list. EGGS was already on it.',
    );
    expect(await read()).toBe('Your shopping list has 3 items: Oat Milk, eggs and butter.');
  });

  it('removes items, and says when one is not there', async () => {
    await add('eggs, milk and bread');
    expect(await remove('Milk')).toBe('Removed milk from your shopping list.');
    expect(await remove('milk')).toBe("Milk isn't on your shopping list.");
    expect(await remove('eggs and cheese')).toBe(
      "Removed eggs from your shopping list. Cheese wasn't on it.",
    );
    expect(await read()).toBe('Your shopping list has 1 item: bread.');
  });

  it('removes an item whose name contains "and" as a whole', async () => {
    await add('salt, pepper');
    await store.add('ada', 'shopping', ['mac and cheese']);
    expect(await remove('mac and cheese')).toBe('Removed mac and cheese from your shopping list.');
    expect(await read()).toBe('Your shopping list has 2 items: salt and pepper.');
  });

  it('clears a list when asked to remove "*"', async () => {
    await add('eggs, milk');
    expect(await remove('*')).toBe('Cleared your shopping list (2 items).');
    expect(await read()).toBe('Your shopping list is empty.');
    expect(await remove('*')).toBe('Your shopping list is already empty.');
  });

  it('keeps named lists apart', async () => {
    expect(await add('sunscreen and a hat', 'packing')).toBe(
      'Added sunscreen and a hat to your packing list.',
    );
    expect(await add('call mom', 'to do')).toBe('Added call mom to your to do list.');
    expect(await read('packing')).toBe('Your packing list has 2 items: sunscreen and a hat.');
    expect(await read('shopping')).toBe('Your shopping list is empty.');
    expect(await store.listNames('ada')).toEqual([
      { name: 'packing', count: 2 },
      { name: 'shopping', count: 0 },
      { name: 'to do', count: 1 },
    ]);
  });

  it("never shows one user another user's list", async () => {
    await add('secret gift', 'shopping', 'ada');
    expect(await read('shopping', 'bob')).toBe('Your shopping list is empty.');
    expect(await store.listNames('bob')).toEqual([{ name: 'shopping', count: 0 }]);
  });

  it('stops at the item cap', async () => {
    const many = Array.from({ length: MAX_ITEMS_PER_LIST }, (_, i) => `item ${i}`);
    expect(await store.add('ada', 'shopping', many)).toMatchObject({ kind: 'added' });
    expect(await add('one more')).toBe(
      `Your shopping list is full (${MAX_ITEMS_PER_LIST} items). Remove some first.`,
    );
    // Re-adding what is there is not growth.
    expect(await add('item 3')).toBe('Item 3 is already on your shopping list.');
  });

  it('reads long lists in part aloud, in full on screen', async () => {
    await store.add(
      'ada',
      'shopping',
      Array.from({ length: 12 }, (_, i) => `thing ${i + 1}`),
    );
    const result = await skill.handle('list.read', { list: 'shopping' }, testContext({ userId: 'ada' }));
    expect(result.reply.text).toMatch(/thing 11 and thing 12\.$/);
    expect(result.reply.speech).toMatch(/thing 10 and 2 more\.$/);
    expect(result.data).toMatchObject({ list: 'shopping', count: 12 });
  });
});
