import type { Utterance } from '../normalize.js';
import { slotKind } from '../slot-kinds.js';
import { knownItemEnd } from '../slots/item-lexicon.js';
import { find, words } from './find.js';

/** List names and items found anywhere in an utterance, for list intents the model chose. */

/** "the camping list", "my shopping list": a common list name, or the words right before "list". */
export function listName(tokens: readonly string[]): string | undefined {
  const common = find(tokens, 'common_list');
  if (common) return String(common.value);
  const at = tokens.lastIndexOf('list');
  if (at < 1) return undefined;
  const named = find(tokens, 'list', { from: at - 1 });
  return named && named.end === at ? String(named.value) : undefined;
}

const LIST_VERBS = words(
  'add put stick write pop throw chuck bung include append jot remove delete erase drop take cross tick strike scratch',
);
const LIST_LINKS = words('to on onto in into from off of');

const PRONOUNS = words('it them that this those these some');
const NEED_WORDS = words('need needs want got have bought am are out of ran run low on');

/** tokens[start, end) as the item slot, if the item parser takes all of it. */
function itemsIn(utterance: Utterance, start: number, end: number): string | undefined {
  const item = slotKind('item');
  const whole = start < end && item.spans(utterance.tokens, start).some((span) => span.end === end);
  return whole && item.finish ? String(item.finish(utterance, start, end)) : undefined;
}

const AMOUNTS = words('some more any a an another extra');
const ASKING = words('can could would will please');

/** Where the first known item of tokens[start, end) begins, with a number or amount said before it. */
function firstKnownItem(tokens: readonly string[], start: number, end: number): number | null {
  for (let at = start; at < end; at++) {
    if (knownItemEnd(tokens, at, end) === null) continue;
    const before = tokens[at - 1] ?? '';
    return at > start && (AMOUNTS.has(before) || /^\d/.test(before)) ? at - 1 : at;
  }
  return null;
}

/**
 * The items: between the verb and "to/from ... list" ("add milk and eggs to my list"), or,
 * when the verb's object is a pronoun or there is no verb, what was said before it, from its
 * first known item when there is one ("we are out of milk put it on the list", "chuck some
 * bananas on the list").
 */
export function listItems(utterance: Utterance): string | undefined {
  const { tokens } = utterance;
  const verb = tokens.findIndex((token) => LIST_VERBS.has(token));
  const from = verb + 1;
  let link = tokens.length;
  for (let i = from + 1; i < tokens.length; i++) if (LIST_LINKS.has(tokens[i]!)) link = Math.min(link, i);
  const object = from < link && !(link - from === 1 && PRONOUNS.has(tokens[from]!));
  if (verb >= 0 && object) return itemsIn(utterance, from, link);
  let start = 0;
  while (start < tokens.length && NEED_WORDS.has(tokens[start]!)) start++;
  const linked = verb >= 0 ? verb : tokens.findIndex((token, i) => i > start && LIST_LINKS.has(token));
  // "toilet paper can you add that": the request starts where its asking does.
  const asking = tokens.findIndex((token, i) => i > start && i < linked && ASKING.has(token));
  const before = asking > 0 ? asking : linked;
  if (before <= start) return undefined;
  const counted = /^\d/.test(tokens[start]!) || AMOUNTS.has(tokens[start]!);
  return itemsIn(utterance, counted ? start : (firstKnownItem(tokens, start, before) ?? start), before);
}
