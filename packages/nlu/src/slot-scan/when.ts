import type { Slots, SlotValue } from '@hark/contracts';
import type { Utterance } from '../normalize.js';
import { slotKind } from '../slot-kinds.js';
import { resolveDay, splitDayRef } from '../slots/days.js';
import type { Captures, ResolveContext } from '../template-types.js';
import { find, value, words } from './find.js';

/** When things are: reminder times and texts, days asked about, holidays, for intents the model chose. */

const AT = words('at for by around about until till');
const IN = words('in after');

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

/** reminder.create: "in <duration>", or a clock time and/or a day, and the text. */
export function reminderCaptures({ tokens }: Utterance): Record<string, SlotValue | undefined> {
  const inSeconds = find(tokens, 'duration', { after: IN });
  const atTime = find(tokens, 'time', { after: AT });
  const atDay = find(tokens, 'day');
  const starts = [inSeconds, atTime, atDay].filter((found) => found !== null).map((found) => found.start - 1);
  const text = reminderText(tokens, starts);
  if (inSeconds) return { in_seconds: inSeconds.value, text };
  return { at_time: value(atTime), at_day: value(atDay), text };
}

const NEXT_WORDS = words('next when upcoming soonest first');

/** alarm.list and reminder.list: a day ("for tomorrow") and whether the next one is asked for ("when does it go off"). */
export function agendaCaptures({ tokens }: Utterance): Record<string, SlotValue | undefined> {
  return {
    day: value(find(tokens, 'day')),
    which: tokens.some((token) => NEXT_WORDS.has(token)) ? 'next' : undefined,
  };
}

export function resolveAgenda(captures: Captures, context: ResolveContext): Slots | null {
  const day =
    captures.day === undefined ? null : resolveDay(splitDayRef(String(captures.day)).day, context.today);
  return { ...(captures.which ? { which: captures.which } : {}), ...(day ? { day } : {}) };
}

const UNTIL = words('until till til before left away');
const WEEKDAY_ASKS = words('weekday week');

/** date.get: a holiday or a day, and what is asked of it (the templates tell this by their shape). */
export function dateCaptures({ tokens }: Utterance): Record<string, SlotValue | undefined> {
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

export function resolveDateCaptures(captures: Captures, context: ResolveContext): Slots | null {
  if (captures.holiday !== undefined) return { holiday: captures.holiday, ask: captures.ask! };
  if (captures.day === undefined) return {};
  const iso = resolveDay(splitDayRef(String(captures.day)).day, context.today);
  return iso ? { day: iso, ask: captures.ask! } : null;
}
