import type { Slots } from '@hark/contracts';
import type { Captures, IntentDefinition } from '../template-types.js';

/** The list meant when none is named ("put milk on the list"). */
export const DEFAULT_LIST = 'shopping';

/** Names people use for the same list; everything else is kept as said ("packing", "to do"). */
const LIST_ALIASES: Readonly<Record<string, string>> = {
  grocery: 'shopping',
  groceries: 'shopping',
  'grocery shopping': 'shopping',
  'to dos': 'to do',
  todos: 'to do',
  'to-do': 'to do',
  task: 'to do',
  tasks: 'to do',
};

export function canonicalListName(said: string | undefined): string {
  if (said === undefined) return DEFAULT_LIST;
  return LIST_ALIASES[said] ?? said;
}

function withListName(captures: Captures): Slots {
  return { ...captures, list: canonicalListName(captures.list as string | undefined) };
}

export const listIntents: readonly IntentDefinition[] = [
  {
    intent: 'list.add',
    templates: [
      '(add|put|stick|write|pop) {item} (to|on|onto|in) <list_ref>',
      'put {item} down on <list_ref>',
    ],
    resolve: withListName,
  },
  {
    intent: 'list.remove',
    templates: [
      '(remove|delete|take|cross|strike|scratch|erase) {item} (from|off|off of) <list_ref>',
      '(take|cross|strike|scratch) off {item} (from|on) <list_ref>',
    ],
    resolve: withListName,
  },
  {
    intent: 'list.read',
    templates: [
      'what is (on|in) <list_ref>',
      'what do i have (on|in) <list_ref>',
      'what (is|do i have) left on <list_ref>',
      '(read|show|tell|open|check) [me] <list_ref>',
      '(read|tell) me what is on <list_ref>',
      'what do i need (to buy|from the store)',
      '(my|the) {list} list',
    ],
    resolve: withListName,
  },
];
