import type { Slots } from '@hark/contracts';
import { canonicalListName } from '../slots/list-names.js';
import type { Captures, IntentDefinition } from '../template-types.js';

function withListName(captures: Captures): Slots {
  return { ...captures, list: canonicalListName(captures.list as string | undefined) };
}

/** The catalogue has no list.clear: emptying a list is list.remove of "*", which the list skill reads as "everything". */
export const CLEAR_ALL_ITEMS = '*';

function clearList(captures: Captures): Slots {
  return { item: CLEAR_ALL_ITEMS, list: canonicalListName(captures.list as string | undefined) };
}

/** "Is milk on my list?" reads the list; the catalogue's list.read has no item slot to carry "milk". */
function readList(captures: Captures): Slots {
  return { list: canonicalListName(captures.list as string | undefined) };
}

/** "Make a new list" names none: the skill asks what to call it, so no default here. */
function createList(captures: Captures): Slots {
  return captures.list === undefined ? {} : { list: canonicalListName(String(captures.list)) };
}

/**
 * Shopping, to-do and other lists. Several items said at once stay one `item` slot joined by
 * ", " ("add eggs, milk and bread" -> "eggs, milk, bread"; see slots/list-items.ts); the list
 * skill splits on ", ". Clearing a list is `list.remove` with item "*" and keeps the list;
 * deleting it ("get rid of the party list") is `list.delete`.
 */
export const listIntents: readonly IntentDefinition[] = [
  {
    intent: 'list.add',
    templates: [
      '<list_add> {item} (to|on|onto|in|into) <list_ref> [too|as well|also]',
      '<list_add> (to|on|onto) <list_ref> {item}',
      'put {item} down on <list_ref>',
      '<list_ref> add {item}',
    ],
    resolve: withListName,
  },
  {
    intent: 'list.remove',
    templates: [
      '<list_remove> {item} (from|off|off of|on|in|out of) <list_ref>',
      '<list_cross> {item} off [of|from] <list_ref>',
      '<list_cross> off {item} (from|on|in) <list_ref>',
      '(complete|tick) {item} (on|in) <list_ref>',
      'mark {item} as (done|bought|complete|completed|purchased|finished|got) [(on|in) <list_ref>]',
      '<list_remove> (from|off) <list_ref> {item}',
    ],
    resolve: withListName,
  },
  {
    intent: 'list.remove',
    templates: [
      '(clear|empty|wipe|reset|erase|clean out|clear out|empty out|wipe out) <list_ref>',
      '(delete|remove|clear|erase|take) (everything|all items|all the items|all things|all the things|every item) (from|on|off|in) <list_ref>',
    ],
    resolve: clearList,
  },
  {
    intent: 'list.delete',
    templates: [
      '<list_delete> <list_ref>',
      '<list_delete> (the|my|our) (whole|entire) [{list}] list',
      '<list_delete> (the|my|our) list (called|named|titled|for) [the|my] {list}',
    ],
    resolve: readList,
  },
  {
    intent: 'list.create',
    templates: [
      '<list_create> ((a|an) [new|another|second|separate]|new|another) {list} list',
      '(new|another) {list} list',
      '<list_create> [a|an] [new|another|second|separate] list [(called|named|titled|for) [the|my] {list}]',
    ],
    resolve: createList,
  },
  {
    intent: 'list.list',
    templates: [
      '(what|which) lists (do i have|have i got|do we have|have we got|are there|did i make|have i made|do i have set up|i have|i have got|there are)',
      'what (are|is) (my|our|all my|all of my|all the) lists',
      '(list|show [me]|read [me]|give me|name|open|check|see) [all] [of] [my|our|the] lists',
      'how many lists (do i have|have i got|do we have|are there)',
      '(do i have|have i got|are there) any [other|more] lists',
      '[all] [of] (my|our) lists',
    ],
  },
  {
    intent: 'list.read',
    templates: [
      'what is (on|in) <list_ref> [[for] (today|this week)]',
      'what (do|have|did) i (have|got|put|added|add) (on|in|to) <list_ref>',
      'what (is|do i have) left on <list_ref>',
      '(read|show|tell|open|check|display|view|see|give|list) [me] [back|out] [all] [the] [items on] <list_ref> [items]',
      '(read|tell|show) [me] what is (on|in) <list_ref>',
      'read <list_ref> (to me|out|out loud|aloud)',
      'what is (my|our) ([{common_list:list}] list|groceries)',
      'what do i need (to buy|to get|to pick up) [(at|from) the (store|shop|supermarket|grocery store)]',
      'what do i need (from|at) the (store|shop|supermarket|grocery store)',
      'what i need (to buy|from the store|to get)',
      '(my|our) {list} list',
      '[the] {common_list:list} list',
      'what (items|things|stuff|tasks) (are|is) (on|in) <list_ref>',
      'how many (items|things) (are|do i have) (on|in) <list_ref>',
      '(do i have|is there|have i got|have i put) {item:asked} (on|in) <list_ref>',
      '(is|are) {item:asked} (on|in) <list_ref>',
      '(did|have) i (add|added|put) {item:asked} (to|on) <list_ref>',
    ],
    resolve: readList,
  },
];
