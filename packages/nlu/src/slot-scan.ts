import { type IntentName, intentSlotSchemas, type Slots, type SlotValue } from '@hark/contracts';
import type { Utterance } from './normalize.js';
import { slotKind } from './slot-kinds.js';
import { resolveDay, splitDayRef } from './slots/days.js';
import { knownItemEnd } from './slots/item-lexicon.js';
import type { Span } from './slots/span.js';
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

interface Found<T> {
  start: number;
  end: number;
  value: T;
}

type Scan = (utterance: Utterance) => Record<string, SlotValue | undefined>;

/** The leftmost span of a slot kind at or after `from` (the longest there), optionally only right after one of `after`. */
/** The utterance being scanned and its span cache (scanSlots sets it for the length of one synchronous scan). */
let scanning: { tokens: readonly string[]; spans: SpanCache } | null = null;

function find(
  tokens: readonly string[],
  kindName: string,
  options: { from?: number; after?: ReadonlySet<string> } = {},
): Found<SlotValue> | null {
  const kind = slotKind(kindName);
  for (let start = options.from ?? 0; start < tokens.length; start++) {
    if (options.after && !options.after.has(tokens[start - 1] ?? '')) continue;
    const spans =
      scanning?.tokens === tokens
        ? scanning.spans.byName(kindName, kind.spans, start)
        : kind.spans(tokens, start);
    // Typed parsers give the longest first; free-text kinds do not, so take the longest here.
    const longest = spans.reduce<Span<SlotValue> | undefined>(
      (best, span) => (!best || span.end > best.end ? span : best),
      undefined,
    );
    if (longest) return { start, end: longest.end, value: longest.value };
  }
  return null;
}

const value = (found: Found<SlotValue> | null) => found?.value;
const words = (list: string) => new Set(list.split(' '));

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

function listName(tokens: readonly string[]): string | undefined {
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
function listItems(utterance: Utterance): string | undefined {
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

const REMIND_WORDS = words('remind reminder reminders');
const TEXT_OPENERS = words('to about that');

/** What to be reminded of: after "remind me to/about" (or "give me a shout ... to"), up to where its time starts. */
function reminderText(tokens: readonly string[], timeStarts: readonly number[]): string | undefined {
  const remind = tokens.findIndex((token) => REMIND_WORDS.has(token));
  const opener = tokens.findIndex((token, i) => i > Math.max(remind, 0) && TEXT_OPENERS.has(token));
  if (opener < 0) return undefined;
  const end = Math.min(tokens.length, ...timeStarts.filter((start) => start > opener));
  const span = slotKind('text')
    .spans(tokens, opener + 1)
    .find((candidate) => candidate.end === end);
  return span ? String(span.value) : undefined;
}

function reminderCaptures({ tokens }: Utterance): Record<string, SlotValue | undefined> {
  const inSeconds = find(tokens, 'duration', { after: IN });
  const atTime = find(tokens, 'time', { after: AT });
  const atDay = find(tokens, 'day');
  const starts = [inSeconds, atTime, atDay].filter((found) => found !== null).map((found) => found.start - 1);
  const text = reminderText(tokens, starts);
  if (inSeconds) return { in_seconds: inSeconds.value, text };
  return { at_time: value(atTime), at_day: value(atDay), text };
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

const NEXT_WORDS = words('next when upcoming soonest first');

/** alarm.list and reminder.list: a day ("for tomorrow") and whether the next one is asked for ("when does it go off"). */
function agendaCaptures({ tokens }: Utterance): Record<string, SlotValue | undefined> {
  return {
    day: value(find(tokens, 'day')),
    which: tokens.some((token) => NEXT_WORDS.has(token)) ? 'next' : undefined,
  };
}

function resolveAgenda(captures: Captures, context: ResolveContext): Slots | null {
  const day =
    captures.day === undefined ? null : resolveDay(splitDayRef(String(captures.day)).day, context.today);
  return { ...(captures.which ? { which: captures.which } : {}), ...(day ? { day } : {}) };
}

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

const UNTIL = words('until till til before left away');
const WEEKDAY_ASKS = words('weekday week');

/** date.get: a holiday or a day, and what is asked of it (the templates tell this by their shape). */
function dateCaptures({ tokens }: Utterance): Record<string, SlotValue | undefined> {
  const holiday = value(find(tokens, 'holiday'));
  const day = holiday === undefined ? value(find(tokens, 'day')) : undefined;
  if (holiday === undefined && (day === undefined || day === 'today')) return {};
  const asksDays =
    tokens.some((token) => UNTIL.has(token)) || (tokens.includes('many') && tokens.includes('days'));
  const asksWeekday =
    tokens.some((token) => WEEKDAY_ASKS.has(token)) ||
    tokens.some((token, i) => (token === 'what' || token === 'which') && tokens[i + 1] === 'day');
  return { holiday, day, ask: asksDays ? 'days_until' : asksWeekday ? 'weekday' : 'date' };
}

function resolveDateCaptures(captures: Captures, context: ResolveContext): Slots | null {
  if (captures.holiday !== undefined) return { holiday: captures.holiday, ask: captures.ask! };
  if (captures.day === undefined) return {};
  const iso = resolveDay(splitDayRef(String(captures.day)).day, context.today);
  return iso ? { day: iso, ask: captures.ask! } : null;
}

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
  scanning = { tokens: utterance.tokens, spans };
  let found: Record<string, SlotValue | undefined>;
  try {
    found = (SCANS[intent] ?? nothing)(utterance);
  } finally {
    scanning = null;
  }
  const captures = defined(found);
  const schema = intentSlotSchemas[intent];
  // The first resolver that accepts the captures, as the first template of the intent that matched would.
  for (const resolve of RESOLVE_INSTEAD[intent] ?? resolvers.get(intent) ?? [asSaid]) {
    const slots = resolve(captures, context);
    const parsed = slots && schema.safeParse(slots);
    if (parsed?.success) return parsed.data as Slots;
  }
  return null;
}
