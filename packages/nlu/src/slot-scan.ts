import { type IntentName, intentSlotSchemas, type Slots, type SlotValue } from '@hark/contracts';
import type { Utterance } from './normalize.js';
import { slotKind } from './slot-kinds.js';
import { find, value, withSpans, words } from './slot-scan/find.js';
import { listItems, listName } from './slot-scan/lists.js';
import {
  agendaCaptures,
  dateCaptures,
  reminderCaptures,
  resolveAgenda,
  resolveDateCaptures,
} from './slot-scan/when.js';
import { SpanCache } from './span-cache.js';
import type { Captures, ResolveContext } from './template-types.js';
import { intentDefinitions } from './templates/index.js';

/**
 * Slots for an intent the model chose, found by scanning the whole utterance with the same
 * slot parsers the templates use (durations, clock times, days, places, list names and
 * items, units) instead of by a template's exact shape. The captures get the names the
 * templates give them, and then the intent's own resolver turns them into slots, so both
 * stages agree on what "tomorrow at 7" or "the shopping list" means. Null when the slots
 * found do not satisfy the catalogue schema (a required slot is missing).
 */

type Scan = (utterance: Utterance) => Record<string, SlotValue | undefined>;

const AT = words('at for by around about until till');
const IN = words('in after');
const PLACE_BEFORE = words('in at for near around');
const TIMER_WORDS = words('timer countdown');
const NOT_A_NAME = words(
  'a an the my that this your set start new another one quick timer countdown cancel stop',
);

/** "pasta" in "the pasta timer": one word right before the timer noun that is not a function word. */
function timerName(tokens: readonly string[]): string | undefined {
  const at = tokens.findIndex((token) => TIMER_WORDS.has(token));
  const before = tokens[at - 1];
  if (at < 1 || before === undefined || NOT_A_NAME.has(before) || /\d/.test(before)) return undefined;
  return slotKind('duration').spans(tokens, at - 1).length > 0 ? undefined : before;
}

/** Every unit said, left to right, with the number said right before it (if any). */
function unitsSaid(tokens: readonly string[]): { unit: SlotValue; count?: SlotValue; start: number }[] {
  const said: { unit: SlotValue; count?: SlotValue; start: number }[] = [];
  for (let at = 0; at < tokens.length; ) {
    const amount = find(tokens, 'number', { from: at });
    const unit = find(tokens, 'unit', { from: at });
    if (!unit) break;
    const counted = amount && amount.end === unit.start ? amount.value : undefined;
    // "in" is inches only after a number ("5 in"); elsewhere it is the word ("cups in a liter").
    if (tokens[unit.start] === 'in' && counted === undefined) {
      at = unit.end;
      continue;
    }
    said.push({ unit: unit.value, start: unit.start, ...(counted === undefined ? {} : { count: counted }) });
    at = unit.end;
  }
  return said;
}

/**
 * The two units and the amount: the counted unit is the one from ("11 stone in kg", "how
 * many litres is 10 cubic feet"); with no number, the first unit is the one asked for and
 * one of the second is converted ("how many cups in a liter").
 */
function conversionCaptures({ tokens }: Utterance): Record<string, SlotValue | undefined> {
  const [first, second] = unitsSaid(tokens);
  if (!first || !second) return {};
  if (first.count !== undefined) return { value: first.count, from: first.unit, to: second.unit };
  if (second.count !== undefined) return { value: second.count, from: second.unit, to: first.unit };
  return { value: 1, from: second.unit, to: first.unit };
}

/** "the kitchen timer", "the timer in the bedroom": a room said anywhere. */
const roomOf = (tokens: readonly string[]): SlotValue | undefined => value(find(tokens, 'room'));

/** A timer picked by room ("the timer in the bedroom") or by name ("the pasta timer"); a room is not also a name. */
const timerSelector: Scan = ({ tokens }) => {
  const room = roomOf(tokens);
  return room === undefined ? { name: timerName(tokens) } : { room };
};
const withDelta: Scan = (utterance) => ({
  delta_seconds: value(find(utterance.tokens, 'duration')),
  ...timerSelector(utterance),
});
const withList: Scan = ({ tokens }) => ({ list: listName(tokens) });
const nothing: Scan = () => ({});

/** Intents whose scan gives captures no template has, with their own resolver. */
const RESOLVE_INSTEAD: Partial<Record<IntentName, Resolve[]>> = {
  'date.get': [resolveDateCaptures],
  'alarm.list': [resolveAgenda],
  'reminder.list': [resolveAgenda],
};

const SCANS: Partial<Record<IntentName, Scan>> = {
  'date.get': dateCaptures,
  'timer.start': ({ tokens }) => ({
    duration_seconds: value(find(tokens, 'duration')),
    name: timerName(tokens),
  }),
  'timer.cancel': timerSelector,
  'timer.status': timerSelector,
  'timer.pause': timerSelector,
  'timer.resume': timerSelector,
  'timer.add_time': withDelta,
  'timer.remove_time': withDelta,
  'alarm.set': ({ tokens }) => {
    const inSeconds = find(tokens, 'duration', { after: IN });
    if (inSeconds) return { in_seconds: inSeconds.value };
    return {
      time: value(find(tokens, 'time')),
      date: value(find(tokens, 'day')),
      repeat: value(find(tokens, 'repeat')),
      room: roomOf(tokens),
    };
  },
  'alarm.cancel': ({ tokens }) => ({
    time: value(find(tokens, 'time', { after: AT })),
    room: roomOf(tokens),
  }),
  'alarm.list': agendaCaptures,
  'reminder.list': agendaCaptures,
  'alarm.snooze': ({ tokens }) => ({ minutes: value(find(tokens, 'minutes')) }),
  'reminder.create': reminderCaptures,
  'weather.get': ({ tokens }) => ({
    location: value(find(tokens, 'location', { after: PLACE_BEFORE })),
    day: value(find(tokens, 'day')),
  }),
  'time.get': ({ tokens }) => ({ location: value(find(tokens, 'location', { after: PLACE_BEFORE })) }),
  'list.add': (utterance) => ({ item: listItems(utterance), list: listName(utterance.tokens) }),
  'list.remove': (utterance) => ({ item: listItems(utterance), list: listName(utterance.tokens) }),
  'list.read': withList,
  'units.convert': conversionCaptures,
};

type Resolve = (captures: Captures, context: ResolveContext) => Slots | null;
const asSaid: Resolve = (captures) => ({ ...captures });

/** Each intent's resolvers in catalogue order (a definition without one takes the captures as they are). */
const resolvers = new Map<IntentName, Resolve[]>();
for (const definition of intentDefinitions) {
  const list = resolvers.get(definition.intent) ?? [];
  const resolve = definition.resolve ?? asSaid;
  if (!list.includes(resolve)) list.push(resolve);
  resolvers.set(definition.intent, list);
}

function defined(captures: Record<string, SlotValue | undefined>): Captures {
  const out: Record<string, SlotValue> = {};
  for (const [name, found] of Object.entries(captures)) if (found !== undefined) out[name] = found;
  return out;
}

/** The intent's slots found anywhere in the utterance, resolved as its templates resolve them; null if incomplete. */
export function scanSlots(
  intent: IntentName,
  utterance: Utterance,
  context: ResolveContext,
  spans: SpanCache = new SpanCache(utterance.tokens),
): Slots | null {
  const captures = defined(withSpans(utterance.tokens, spans, () => (SCANS[intent] ?? nothing)(utterance)));
  const schema = intentSlotSchemas[intent];
  // The first resolver that accepts the captures, as the first template of the intent that matched would.
  for (const resolve of RESOLVE_INSTEAD[intent] ?? resolvers.get(intent) ?? [asSaid]) {
    const slots = resolve(captures, context);
    const parsed = slots && schema.safeParse(slots);
    if (parsed?.success) return parsed.data as Slots;
  }
  return null;
}
