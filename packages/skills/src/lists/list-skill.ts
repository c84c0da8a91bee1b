import type { IntentName, Slots } from '@hark/contracts';
import { type Skill, type SkillResult, say } from '../skill.js';
import {
  CLEAR_ALL_ITEMS,
  canonicalListName,
  capitalizeFirst,
  DEFAULT_LIST_NAME,
  itemProblem,
  joinWords,
  listNameProblem,
  mergeDuplicates,
  splitSpokenItems,
  spokenItems,
} from './list-items.js';
import type { ListStore } from './list-store.js';
import { BAD_LIST_NAME_REPLY, createList, deleteList, listLists } from './whole-lists.js';

type OneListIntent = 'list.add' | 'list.remove' | 'list.read' | 'list.delete';

const slotText = (value: Slots[string] | undefined) => (typeof value === 'string' ? value.trim() : '');
const isAre = (items: readonly string[]) => (items.length === 1 ? 'is' : 'are');
const wasWere = (items: readonly string[]) => (items.length === 1 ? 'was' : 'were');

async function addItems(store: ListStore, userId: string, list: string, said: string): Promise<SkillResult> {
  const items = mergeDuplicates(splitSpokenItems(said));
  const unusable = items.find((item) => itemProblem(item) !== null);
  if (items.length === 0 || unusable !== undefined) {
    return say(`I can't add that to your ${list} list: items must be short words or phrases.`);
  }
  const outcome = await store.add(userId, list, items);
  if (outcome.kind === 'too-many-lists') {
    return say(`You already have ${outcome.limit} lists, the most I can keep. Remove one first.`);
  }
  if (outcome.kind === 'list-full') {
    return say(`Your ${list} list is full (${outcome.limit} items). Remove some first.`);
  }
  const { added, alreadyOnList } = outcome;
  const data = { list, added, alreadyOnList };
  if (added.length === 0) {
    return say(
      `${capitalizeFirst(joinWords(alreadyOnList))} ${isAre(alreadyOnList)} already on your ${list} list.`,
      { data },
    );
  }
  const also = alreadyOnList.length
    ? ` ${capitalizeFirst(joinWords(alreadyOnList))} ${wasWere(alreadyOnList)} already on it.`
    : '';
  return say(`Added ${joinWords(added)} to your ${list} list.${also}`, { data });
}

async function clearList(store: ListStore, userId: string, list: string): Promise<SkillResult> {
  const removed = (await store.clear(userId, list)).length;
  const data = { list, cleared: removed };
  if (removed === 0) return say(`Your ${list} list is already empty.`, { data });
  return say(`Cleared your ${list} list (${removed} ${removed === 1 ? 'item' : 'items'}).`, { data });
}

/** Removes the item as said; when it is not on the list as a whole, its parts ("eggs and milk"). */
async function removeItems(
  store: ListStore,
  userId: string,
  list: string,
  said: string,
): Promise<SkillResult> {
  if (said === CLEAR_ALL_ITEMS) return clearList(store, userId, list);
  if (!said) return say(`What should I remove from your ${list} list?`);
  const whole = await store.remove(userId, list, said);
  if (whole)
    return say(`Removed ${whole.text} from your ${list} list.`, {
      data: { list, removed: [whole.text], missing: [] },
    });
  const parts = mergeDuplicates(splitSpokenItems(said));
  const removed: string[] = [];
  const missing: string[] = [];
  for (const part of parts.length > 1 ? parts : []) {
    const gone = await store.remove(userId, list, part);
    if (gone) removed.push(gone.text);
    else missing.push(part);
  }
  const data = { list, removed, missing: removed.length ? missing : [said] };
  if (removed.length === 0) {
    const verb = parts.length > 1 ? "aren't" : "isn't";
    return say(
      `${capitalizeFirst(parts.length > 1 ? joinWords(parts) : said)} ${verb} on your ${list} list.`,
      { data },
    );
  }
  const notThere = missing.length
    ? ` ${capitalizeFirst(joinWords(missing))} ${missing.length === 1 ? "wasn't" : "weren't"} on it.`
    : '';
  return say(`Removed ${joinWords(removed)} from your ${list} list.${notThere}`, { data });
}

async function readList(store: ListStore, userId: string, list: string): Promise<SkillResult> {
  const items = await store.items(userId, list);
  const data = { list, items, count: items.length };
  if (items.length === 0) return say(`Your ${list} list is empty.`, { data });
  const texts = items.map((item) => item.text);
  const noun = items.length === 1 ? 'item' : 'items';
  return {
    reply: {
      text: `Your ${list} list has ${items.length} ${noun}: ${joinWords(texts)}.`,
      speech: `Your ${list} list has ${items.length} ${noun}: ${spokenItems(texts)}.`,
    },
    data,
  };
}

/**
 * list.add / list.remove / list.read on any named list (the NLU defaults to "shopping").
 * "add eggs, milk and bread" adds three items; list.remove with item "*" clears the list.
 * list.create, list.delete and list.list work on whole lists (whole-lists.ts).
 */
export function createListSkill(store: ListStore): Skill {
  return {
    id: 'lists',
    intents: ['list.add', 'list.remove', 'list.read', 'list.create', 'list.delete', 'list.list'],
    help: 'keep your shopping list and other lists ("add eggs and milk to my shopping list", "start a packing list")',
    async handle(intent: IntentName, slots, context) {
      if (intent === 'list.list') return listLists(store, context.userId);
      if (intent === 'list.create') return createList(store, context.userId, slots);
      const list = canonicalListName(slotText(slots.list) || DEFAULT_LIST_NAME);
      if (listNameProblem(list) !== null) return say(BAD_LIST_NAME_REPLY);
      const item = slotText(slots.item);
      switch (intent as OneListIntent) {
        case 'list.add':
          return addItems(store, context.userId, list, item);
        case 'list.remove':
          return removeItems(store, context.userId, list, item);
        case 'list.delete':
          return deleteList(store, context.userId, list);
        default:
          return readList(store, context.userId, list);
      }
    },
  };
}
