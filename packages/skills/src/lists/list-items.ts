/**
 * Pure rules of lists: how spoken items are split, when two items are the same, what a
 * valid list name or item is, and how a list is read out.
 */

export const DEFAULT_LIST_NAME = 'shopping';
/** `list.remove` with this item clears the list ("clear the shopping list"). */
export const CLEAR_ALL_ITEMS = '*';
export const MAX_LIST_NAME_LENGTH = 40;
export const MAX_ITEM_LENGTH = 100;
/** Per user and per list: enough for any household, small enough that reading a list is one cheap call. */
export const MAX_LISTS = 50;
export const MAX_ITEMS_PER_LIST = 200;
/** A voice reply reads this many items and counts the rest. */
export const MAX_SPOKEN_ITEMS = 10;

const collapse = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ');

/** "some milk" is milk; "a dozen eggs" and "The Hobbit" keep their articles. */
const LEADING_FILLER = /^some\s+/i;

/** One item as it will be stored and shown: trimmed, single-spaced, without a leading "some". */
export function cleanItem(text: string): string {
  const cleaned = collapse(text).replace(LEADING_FILLER, '');
  return cleaned || collapse(text);
}

/** Items are the same when they differ only in case or spacing: "Milk" and "milk ". */
export const itemKey = (text: string): string => cleanItem(text).toLocaleLowerCase('en');

/**
 * "eggs, milk and bread" -> eggs, milk, bread: split on commas and on the last "and"
 * (or "&"), with or without an Oxford comma. "salt and pepper" becomes two items, as with
 * other assistants; REST clients send exact items instead.
 */
export function splitSpokenItems(said: string): string[] {
  const pieces = said.split(/\s*[,;]\s*/);
  const last = pieces.pop() ?? '';
  const finalAnd = /^(.*\S)\s+(?:and|&)\s+(\S.*)$/i.exec(last);
  pieces.push(...(finalAnd ? [finalAnd[1]!, finalAnd[2]!] : [last]));
  return pieces
    .map((piece) => piece.replace(/^(and|&)\s+/i, ''))
    .map(cleanItem)
    .filter((piece) => piece.length > 0);
}

/** Duplicates dropped, case-insensitively; the first spelling wins. */
export function mergeDuplicates(items: readonly string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = itemKey(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Why an item cannot be stored, or null when it can. */
export function itemProblem(item: string): string | null {
  const cleaned = cleanItem(item);
  if (cleaned.length === 0) return 'must not be empty';
  if (cleaned === CLEAR_ALL_ITEMS) return '"*" is reserved (it means every item)';
  if (cleaned.length > MAX_ITEM_LENGTH) return `must be at most ${MAX_ITEM_LENGTH} characters`;
  return null;
}

/** "To-Do  List" -> "to-do": lower case, single spaces, without a trailing "list". */
export function canonicalListName(name: string): string {
  const collapsed = collapse(name).toLocaleLowerCase('en');
  return collapsed.replace(/\s+list$/, '') || collapsed;
}

/** How an answer to "What should I call the new list?" names it: "call it camping", "the party list". */
const NAMING_WORDS =
  /^(?:(?:call it|name it|called|named|it is|it's|make it)\s+)?(?:(?:the|a|an|my|our)\s+)?/i;

/** The list name in a spoken answer, canonical: "call it the Camping list" -> "camping". */
export const spokenListName = (said: string): string =>
  canonicalListName(collapse(said).replace(NAMING_WORDS, ''));

/** Why a list name is not usable, or null when it is (checked after canonicalListName). */
export function listNameProblem(name: string): string | null {
  if (name.length === 0) return 'must not be empty';
  if (name.length > MAX_LIST_NAME_LENGTH) return `must be at most ${MAX_LIST_NAME_LENGTH} characters`;
  if (!/^[\p{L}\p{N}][\p{L}\p{N} '’-]*$/u.test(name)) {
    return "use letters, digits, spaces, '-' and \"'\" only, starting with a letter or digit";
  }
  return null;
}

/** "eggs", "eggs and milk", "eggs, milk and bread". */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Long lists are read in part: "a, b, ... j and 12 more". */
export function spokenItems(items: readonly string[]): string {
  if (items.length <= MAX_SPOKEN_ITEMS) return joinWords(items);
  const rest = items.length - MAX_SPOKEN_ITEMS;
  return `${items.slice(0, MAX_SPOKEN_ITEMS).join(', ')} and ${rest} more`;
}

export const capitalizeFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
