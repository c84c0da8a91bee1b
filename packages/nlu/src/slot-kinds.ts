import type { SlotValue } from '@hark/contracts';
import type { Utterance } from './normalize.js';
import { clockTimeSpans } from './slots/clock-times.js';
import { daySpans } from './slots/days.js';
import { durationSpans } from './slots/durations.js';
import { FREE_TEXT_KINDS, type FreeTextKindName, freeTextSpans } from './slots/free-text.js';
import { holidaySpans } from './slots/holidays.js';
import { joinListItems } from './slots/list-items.js';
import { commonListSpans } from './slots/list-names.js';
import { numberSpans } from './slots/numbers.js';
import { repeatSpans } from './slots/repeat.js';
import { roomSpans } from './slots/rooms.js';
import type { Span } from './slots/span.js';
import { unitSpans } from './slots/units.js';

/**
 * The slot kinds a template may reference as `{kind}` or `{kind:slot_name}`. Typed kinds
 * parse a closed grammar (numbers, durations, times...) and count for more in ranking than
 * free text, which can only be bounded by the words around it.
 */

export type SlotKindClass = 'typed' | 'free';

export interface SlotKind {
  name: string;
  class: SlotKindClass;
  spans: (tokens: readonly string[], start: number) => Span<SlotValue>[];
  /** Final value of an accepted capture, for kinds that need more than the words (list breaks). */
  finish?: (utterance: Utterance, start: number, end: number) => SlotValue;
}

/** Snooze and similar: a duration in whole minutes, or a bare count ("snooze for 10"). */
function minuteSpans(tokens: readonly string[], start: number): Span<number>[] {
  const fromDurations = durationSpans(tokens, start)
    .filter((span) => span.value % 60 === 0)
    .map((span) => ({ end: span.end, value: span.value / 60 }));
  const fromCounts = numberSpans(tokens, start).filter(
    (span) => Number.isInteger(span.value) && span.value > 0,
  );
  return [...fromDurations, ...fromCounts];
}

const typed = (name: string, spans: SlotKind['spans']): SlotKind => ({ name, class: 'typed', spans });

const freeText = (name: FreeTextKindName): SlotKind => ({
  name,
  class: 'free',
  spans: (tokens, start) => freeTextSpans(tokens, start, FREE_TEXT_KINDS[name]),
});

const SLOT_KINDS: readonly SlotKind[] = [
  typed('number', numberSpans),
  typed('duration', durationSpans),
  typed('minutes', minuteSpans),
  typed('time', clockTimeSpans),
  typed('day', daySpans),
  typed('repeat', repeatSpans),
  typed('unit', unitSpans),
  typed('common_list', commonListSpans),
  typed('holiday', holidaySpans),
  typed('room', roomSpans),
  freeText('name'),
  freeText('label'),
  { ...freeText('item'), finish: joinListItems },
  freeText('list'),
  freeText('text'),
  freeText('topic'),
  freeText('location'),
  freeText('location_before'),
];

const KINDS_BY_NAME: ReadonlyMap<string, SlotKind> = new Map(SLOT_KINDS.map((kind) => [kind.name, kind]));

/** Index of each kind, so a recognition run can cache spans in a flat array. */
export const slotKindCount = SLOT_KINDS.length;
export const slotKindIndex: ReadonlyMap<string, number> = new Map(
  SLOT_KINDS.map((kind, i) => [kind.name, i]),
);

export function slotKind(name: string): SlotKind {
  const kind = KINDS_BY_NAME.get(name);
  if (!kind) throw new Error(`unknown slot kind {${name}}; known: ${[...KINDS_BY_NAME.keys()].join(', ')}`);
  return kind;
}
