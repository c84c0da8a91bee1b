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
  const text = String(captures.text);
  if (captures.in_seconds !== undefined) return { text, in_seconds: captures.in_seconds };
  if (captures.at_day === undefined && captures.at_time === undefined) return { text };
  const { day, part } = splitDayRef(String(captures.at_day ?? ''));
  const time =
    captures.at_time === undefined ? defaultTimeOf(part) : timeInDayPart(String(captures.at_time), part);
  const date = captures.at_day === undefined ? nextDateOf(time, context) : resolveDay(day, context.today);
  return date ? { text, at: `${date}T${time}` } : null;
}

/** Today if the time is still ahead, else tomorrow. */
function nextDateOf(time: string, context: ResolveContext): string | null {
  if (context.today === undefined || context.time === undefined) return null;
  return resolveDay(time > context.time ? 'today' : 'tomorrow', context.today);
}

export const reminderIntents: readonly IntentDefinition[] = [
  {
    intent: 'reminder.create',
    templates: [
      '<remind> <remind_what> {text} in {duration:in_seconds}',
      '<remind> in {duration:in_seconds} <remind_what> {text}',
      'in {duration:in_seconds} <remind> <remind_what> {text}',
      '<remind> <remind_what> {text} <remind_when>',
      '<remind> (<remind_when>|for {time:at_time} [{day:at_day}]) <remind_what> {text}',
      '<remind_when> <remind> <remind_what> {text}',
      '<remind> <remind_what> {text}',
    ],
    resolve: resolveReminderCreate,
  },
  {
    intent: 'reminder.list',
    templates: [
      '(what|which) reminders (do i have|are set|have i set)',
      '(list|show [me]|read [me]|tell me|check) [all] [my|the] reminders [(about|for) {topic:text}]',
      'what are my reminders [(about|for) {topic:text}]',
      'do i have any reminders [(about|for) {topic:text}]',
      'my reminders',
    ],
  },
  {
    intent: 'reminder.cancel',
    templates: [
      '<reminders_off> [the|my|that] reminder [(to|about|for) {topic:text}]',
      '<reminders_off> [the|my] {topic:text} reminder',
      '<reminders_off> [all] [my|the] reminders',
    ],
  },
];
