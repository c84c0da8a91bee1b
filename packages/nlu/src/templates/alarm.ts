import type { Slots } from '@hark/contracts';
import { timeInDayPart } from '../slots/day-parts.js';
import { resolveDay, splitDayRef } from '../slots/days.js';
import type { Captures, IntentDefinition, ResolveContext } from '../template-types.js';

/**
 * Alarms. `date` is emitted only as an ISO date: said as one ("on 2026-12-24", "on december
 * 24th 2026"), or resolved from "tomorrow", a weekday or a month-day when the caller passed
 * its local `now`. Without `now`, "today"/"tomorrow" are dropped (the skill rings at the
 * next occurrence of the time, which is what they mean), while a weekday or a month-day
 * cannot be honoured, so the utterance is not matched rather than ringing on the wrong day.
 * A part of the day moves the time: "at 7 tomorrow evening" is 19:00.
 */
function resolveAlarmSet(captures: Captures, context: ResolveContext): Slots | null {
  const { date, ...rest } = captures;
  if (date === undefined) return { ...rest };
  const { day, part } = splitDayRef(String(date));
  const slots = { ...rest, time: timeInDayPart(String(rest.time), part) };
  const iso = resolveDay(day, context.today);
  if (iso) return { ...slots, date: iso };
  return day === 'today' || day === 'tomorrow' ? slots : null;
}

export const alarmIntents: readonly IntentDefinition[] = [
  {
    intent: 'alarm.set',
    templates: [
      '<set> [an|a|my] alarm [for|at] {time} [<alarm_days>] [<alarm_label>]',
      '<set> [an|a|my] alarm [for] <alarm_days> [for|at] {time} [<alarm_label>]',
      '<set> [an|a] {label} alarm [for|at] {time} [<alarm_days>]',
      '<set> [an|a|my] alarm <alarm_label> [for|at] {time} [<alarm_days>]',
      '<wake_me> [at] {time} [<alarm_days>]',
      '<wake_me> <alarm_days> at {time}',
      '[an|a] alarm (at|for) {time} [<alarm_days>] [<alarm_label>]',
      '(set|change|move) [my] alarm to {time} [<alarm_days>]',
    ],
    resolve: resolveAlarmSet,
  },
  {
    intent: 'alarm.cancel',
    templates: [
      '<alarm_off> [the|my|that] [{time}|{label}] alarm',
      '<alarm_off> [the|my] alarm (for|at) {time}',
      '<alarm_off> [the|my] alarm <alarm_label>',
    ],
  },
  {
    intent: 'alarm.list',
    templates: [
      '(what|which) alarms (do i have|are set|have i set|are on)',
      '(list|show [me]|read [me]|tell me|check) [all] [my|the] alarms',
      'what are my alarms',
      'do i have any alarms [set|on]',
      '(when|what time) is my [next] alarm [set for]',
      '(is|have i set) my alarm [set|on]',
      'is there an alarm set',
      'my alarms',
    ],
  },
  {
    intent: 'alarm.snooze',
    templates: ['snooze [it|that|[the|my] alarm] [[for] {minutes}]', '[give me] {minutes} more minutes'],
  },
];
