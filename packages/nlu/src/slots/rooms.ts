import { phraseTableSpans } from './phrase-table.js';
import type { Span } from './span.js';

/**
 * Rooms and the places speakers stand, said to pick a timer or an alarm by where it is
 * ("the kitchen timer", "the alarm in the kids room"). A closed vocabulary, so "the pasta
 * timer" stays a name; besides it, any one word before "room" or "bedroom" ("emma's room").
 * The value is the phrase without apostrophes: "kid's room" -> "kids room".
 */
const ROOMS: readonly string[] = [
  'kitchen',
  'bedroom',
  'master bedroom',
  'main bedroom',
  'guest room',
  'guest bedroom',
  'spare room',
  'spare bedroom',
  'nursery',
  'playroom',
  'living room',
  'lounge',
  'family room',
  'sitting room',
  'front room',
  'dining room',
  'bathroom',
  'office',
  'home office',
  'garage',
  'basement',
  'cellar',
  'attic',
  'loft',
  'den',
  'hallway',
  'hall',
  'laundry room',
  'utility room',
  'upstairs',
  'downstairs',
  'porch',
  'patio',
  'garden',
  'backyard',
  'sunroom',
  'conservatory',
];

const namedRoomSpans = phraseTableSpans(Object.fromEntries(ROOMS.map((room) => [room, room])));

const ROOM_NOUNS = new Set(['room', 'bedroom']);
/** Words before "room" that do not make it a place: "the other room" is no room of the house. */
const NOT_ROOM_OWNERS = new Set(['the', 'a', 'my', 'this', 'that', 'other', 'next', 'same', 'every', 'any']);

/** "emma's room", "kids room", "boys bedroom". */
function ownedRoomSpan(tokens: readonly string[], start: number): Span<string> | null {
  const owner = tokens[start];
  const noun = tokens[start + 1];
  if (owner === undefined || noun === undefined || !ROOM_NOUNS.has(noun)) return null;
  if (NOT_ROOM_OWNERS.has(owner) || !/^[\p{L}']+$/u.test(owner)) return null;
  return { end: start + 2, value: `${owner.replace(/'/g, '')} ${noun}` };
}

/** Room spans starting at `start`, longest first. */
export function roomSpans(tokens: readonly string[], start: number): Span<string>[] {
  const owned = ownedRoomSpan(tokens, start);
  const named = namedRoomSpans(tokens, start).filter((span) => span.end !== owned?.end);
  return [...(owned ? [owned] : []), ...named].sort((a, b) => b.end - a.end);
}
