import type { Slots } from '@hark/contracts';
import { ask, type SkillResult, say } from '../skill.js';
import {
  DEFAULT_LIST_NAME,
  joinWords,
  listNameProblem,
  MAX_LISTS,
  spokenItems,
  spokenListName,
} from './list-items.js';
import type { ListStore } from './list-store.js';

/**
 * Whole lists by voice: list.create ("start a packing list"), list.delete ("get rid of the
 * party list") and list.list ("which lists have I got"). The same store as the REST routes,
 * so a list made by voice shows up in GET /v1/lists, empty or not.
 */

export const BAD_LIST_NAME_REPLY = "I can't keep a list with that name. Try a shorter, simpler one.";

/** "Make a new list" names none; the answer comes back as the `list` slot. */
const askListName = (slots: Slots): SkillResult =>
  ask('What should I call the new list?', { intent: 'list.create', slots, slot: 'list', kind: 'text' });

export async function createList(store: ListStore, userId: string, slots: Slots): Promise<SkillResult> {
  const said = typeof slots.list === 'string' ? slots.list : '';
  if (said.trim() === '') return askListName(slots);
  const list = spokenListName(said);
  if (listNameProblem(list) !== null) return say(BAD_LIST_NAME_REPLY);
  const created = await store.create(userId, list);
  if (created === 'too-many-lists') {
    return say(`You already have ${MAX_LISTS} lists, the most I can keep. Delete one first.`, {
      data: { list, created: false, limit: MAX_LISTS },
    });
  }
  if (!created) return say(`You already have a ${list} list.`, { data: { list, created: false } });
  return say(`Created your ${list} list.`, { data: { list, created: true } });
}

/** "shopping" always exists: deleting it empties it, as "clear my shopping list" does. */
export async function deleteList(store: ListStore, userId: string, list: string): Promise<SkillResult> {
  if (list === DEFAULT_LIST_NAME) {
    const removed = (await store.clear(userId, list)).length;
    const data = { list, deleted: false, cleared: removed };
    if (removed === 0) return say(`Your ${list} list is already empty.`, { data });
    return say(`Cleared your ${list} list (${removed} ${removed === 1 ? 'item' : 'items'}).`, { data });
  }
  if (!(await store.delete(userId, list))) {
    return say(`You don't have a ${list} list.`, { data: { list, deleted: false } });
  }
  return say(`Deleted your ${list} list.`, { data: { list, deleted: true } });
}

export async function listLists(store: ListStore, userId: string): Promise<SkillResult> {
  const lists = await store.listNames(userId);
  const names = lists.map((list) => list.name);
  if (names.length === 1) return say(`You have one list: ${names[0]}.`, { data: { lists } });
  return {
    reply: {
      text: `You have ${names.length} lists: ${joinWords(names)}.`,
      speech: `You have ${names.length} lists: ${spokenItems(names)}.`,
    },
    data: { lists },
  };
}
