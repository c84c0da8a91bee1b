import type { IntentName, Slots } from '@hark/contracts';
import { fixedClock, keySpace } from '@hark/core';
import { connectTestRedis, deleteByPrefix, type TestRedis } from '@hark/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Skill } from '../skill.js';
import { skillKeys } from '../skill-keys.js';
import { testContext } from '../test-context.fixture.js';
import { MAX_LISTS } from './list-items.js';
import { createListSkill } from './list-skill.js';
import { ListStore } from './list-store.js';

let testRedis: TestRedis;
let store: ListStore;
let skill: Skill;

beforeAll(async () => {
  testRedis = await connectTestRedis('whole-lists');
  store = new ListStore(
    testRedis.redis,
    skillKeys(keySpace(testRedis.prefix)),
    fixedClock('2026-11-26T13:05:00Z'),
  );
  skill = createListSkill(store);
});
afterAll(() => testRedis.cleanup());
beforeEach(() => deleteByPrefix(testRedis.redis, testRedis.prefix));

const turn = (intent: IntentName, slots: Slots = {}, userId = 'ada') =>
  skill.handle(intent, slots, testContext({ userId }));
const say = async (intent: IntentName, slots: Slots = {}, userId = 'ada') =>
  (await turn(intent, slots, userId)).reply.text;

describe('whole lists by voice', () => {
  it('creates an empty list that "which lists" then names, and refuses it twice', async () => {
    expect(await say('list.create', { list: 'packing' })).toBe('Created your packing list.');
    expect(await say('list.create', { list: 'Packing List' })).toBe('You already have a packing list.');
    expect(await say('list.create', { list: 'shopping' })).toBe('You already have a shopping list.');
    expect(await say('list.list')).toBe('You have 2 lists: packing and shopping.');
    expect(await store.listNames('ada')).toEqual([
      { name: 'packing', count: 0 },
      { name: 'shopping', count: 0 },
    ]);
  });

  it('asks for a name when none was said, and takes a spoken answer as the name', async () => {
    const question = await turn('list.create');
    expect(question).toMatchObject({
      reply: { text: 'What should I call the new list?' },
      followUp: { intent: 'list.create', slot: 'list', kind: 'text' },
    });
    expect(await say('list.create', { list: 'call it the camping list' })).toBe('Created your camping list.');
    expect(await say('list.create', { list: '!!!' })).toMatch(/can't keep a list with that name/);
  });

  it('deletes a list with its items, and says when there is no such list', async () => {
    await store.add('ada', 'party', ['balloons', 'cake']);
    expect(await say('list.delete', { list: 'party' })).toBe('Deleted your party list.');
    expect(await say('list.delete', { list: 'party' })).toBe("You don't have a party list.");
    expect(await store.exists('ada', 'party')).toBe(false);
    expect(await store.items('ada', 'party')).toEqual([]);
    expect(await say('list.list')).toBe('You have one list: shopping.');
  });

  it('only empties the shopping list, which always exists', async () => {
    await store.add('ada', 'shopping', ['milk', 'eggs']);
    expect(await say('list.delete', { list: 'shopping' })).toBe('Cleared your shopping list (2 items).');
    expect(await say('list.delete', { list: 'shopping' })).toBe('Your shopping list is already empty.');
    expect(await say('list.list')).toBe('You have one list: shopping.');
  });

  it('stops at the most lists a user may have', async () => {
    for (let i = 0; i < MAX_LISTS; i++) await store.create('ada', `list ${i}`);
    expect(await say('list.create', { list: 'one more' })).toBe(
      `You already have ${MAX_LISTS} lists, the most I can keep. Delete one first.`,
    );
    expect(await store.exists('ada', 'one more')).toBe(false);
  });

  it("keeps each user's lists apart", async () => {
    await say('list.create', { list: 'secret' }, 'ada');
    expect(await say('list.list', {}, 'bob')).toBe('You have one list: shopping.');
    expect(await say('list.delete', { list: 'secret' }, 'bob')).toBe("You don't have a secret list.");
    expect(await store.exists('ada', 'secret')).toBe(true);
  });
});
