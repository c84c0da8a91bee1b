import type { Slots } from '@hark/contracts';
import { defaultTimeOf, timeInDayPart } from '../slots/day-parts.js';
import { resolveDay, splitDayRef } from '../slots/days.js';
import type { Captures, IntentDefinition, ResolveContext } from '../template-types.js';

/**
 * Reminders: "in <duration>" becomes `in_seconds`; a day and/or clock time becomes `at`
 * (local ISO date-time). An ISO date or a month-day with a year resolves on its own; any
 * other day, and a clock time alone, needs the caller's local `now` (a clock time alone
 * means its next occurrence). When that is missing the match is rejected rather than
 * creating a reminder without its time. A day without a time is due at 09:00, or at the
 * hour its part of the day suggests ("this evening" 19:00, see slots/day-parts.ts).
 */
function resolveReminderCreate(captures: Captures, context: ResolveContext): Slots | null {
  // Without text ("remind me in an hour") the skill asks what to remind about.
  const what: Slots = captures.text === undefined ? {} : { text: String(captures.text) };
  if (captures.in_seconds !== undefined) return { ...what, in_seconds: captures.in_seconds };
  if (captures.at_day === undefined && captures.at_time === undefined) return what;
  const { day, part } = splitDayRef(String(captures.at_day ?? ''));
  const time =
    captures.at_time === undefined ? defaultTimeOf(part) : timeInDayPart(String(captures.at_time), part);
  const date = captures.at_day === undefined ? nextDateOf(time, context) : resolveDay(day, context.today);
  return date ? { ...what, at: `${date}T${time}` } : null;
}

/** Today if the time is still ahead, else tomorrow. */
function nextDateOf(time: string, context: ResolveContext): string | null {
  if (context.today === undefined || context.time === undefined) return null;
  return resolveDay(time > context.time ? 'today' : 'tomorrow', context.today);
}

/**
 * reminder.list: `day` is the local date asked about ("any reminders today"), dropped when
 * it cannot be resolved without the caller's `now`; "what's my next reminder" asks for the
 * `next` one. A span of days ("this week") selects no single day.
 */
function reminderListSlots(which?: 'next') {
  return (captures: Captures, context: ResolveContext): Slots => {
    const { day: said, ...rest } = captures;
    const day = said === undefined ? null : resolveDay(splitDayRef(String(said)).day, context.today);
    return { ...rest, ...(which ? { which } : {}), ...(day ? { day } : {}) };
  };
}

/** reminder.cancel selects by text only; a day said with it ("for tomorrow") has no slot in the catalogue. */
function withoutIgnoredDay(captures: Captures): Slots {
  const { ignored_day: _day, ...slots } = captures;
  return slots;
}

export const reminderIntents: readonly IntentDefinition[] = [
  {
    intent: 'reminder.create',
    templates: [
      '<remind> <remind_what> {text} <remind_in>',
      '<remind> <remind_in> <remind_what> {text}',
      '<remind_in> <remind> <remind_what> {text}',
      '<remind> <remind_what> {text} <remind_when>',
      '<remind> (<remind_when>|<remind_for>) [<remind_what>] {text}',
      '<remind_when> <remind> <remind_what> {text}',
      '<remind> <remind_what> {text}',
      '<remind> [called|named|titled] {text}',
      '<remind> {text} (<remind_when>|<remind_in>)',
      // Said without text ("set a reminder for 3 pm"): the skill asks what it is about.
      '<remind> [<remind_when>|<remind_in>|<remind_for>]',
    ],
    resolve: resolveReminderCreate,
  },
  {
    intent: 'reminder.list',
    resolve: reminderListSlots(),
    templates: [
      '(what|which) reminders (do i have|are set|have i set|are there|did i set|do i have set) [(about|for) {topic:text}|[for] ({day}|<period>)]',
      '(list|show [me]|read [me]|check|give me|see|open) [all] [my|the] [upcoming] reminders [(about|for) {topic:text}|[for] ({day}|<period>)]',
      'what are my [upcoming|next] reminders [(about|for) {topic:text}|[for] ({day}|<period>)]',
      'how many reminders (do i have|are set|have i set|are there) [[for] {day}]',
      '(do i have|have i got|are there) [any] reminders [(about|for) {topic:text}|[for] ({day}|<period>)]',
      '[my|any] reminders [[for] ({day}|<period>)]',
      'what (did i ask you|have i asked you) to remind me [about|of]',
      'what (am i supposed|do i need|did i want) to remember [{day}]',
      'what reminders i have',
      'what reminders (are coming up|are upcoming|are next|are due) [[for] {day}]',
      '(if|whether) i have any reminders [(about|for) {topic:text}|[for] {day}]',
    ],
  },
  {
    intent: 'reminder.list',
    resolve: reminderListSlots('next'),
    templates: [
      '(what|when) is [my|the] next reminder [(about|for) {topic:text}|[for] {day}]',
      '[my|the] next reminder',
      'what reminder is (next|coming up|due next)',
      'when is [my|the] next reminder (due|set for)',
    ],
  },
  {
    intent: 'reminder.cancel',
    resolve: withoutIgnoredDay,
    templates: [
      '<reminders_off> [the|my|that|this] reminder [(to|about|for) {topic:text}|[for] ({day:ignored_day}|<period>)]',
      '<reminders_off> [the|my] {topic:text} reminder',
      '<reminders_off> [the|my|that] [last] reminder [that] i [just] (set|made|created|added)',
      '<reminders_off> [the|my] last reminder',
      '<reminders_off> [all] [of] [my|the] reminders',
      '(do not|stop) (remind|reminding) me [(to|about) {topic:text}]',
      'i do not need [the|my|that] reminder [(to|about|for) {topic:text}] [anymore|any more]',
    ],
  },
];
