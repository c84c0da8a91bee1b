import type { Slots } from '@hark/contracts';
import { addSecondsToLocal } from '../slots/calendar.js';
import { timeInDayPart } from '../slots/day-parts.js';
import { resolveDay, splitDayRef } from '../slots/days.js';
import type { Captures, IntentDefinition, ResolveContext } from '../template-types.js';

/**
 * Alarms. `date` is emitted only as an ISO date: said as one ("on 2026-12-24", "on december
 * 24th 2026"), or resolved from "tomorrow", a weekday or a month-day when the caller passed
 * its local `now`. Without `now`, "today"/"tomorrow" are dropped (the skill rings at the
 * next occurrence of the time, which is what they mean), while a weekday or a month-day
 * cannot be honoured, so the utterance is not matched rather than ringing on the wrong day.
 * A part of the day moves the time: "at 7 tomorrow evening" is 19:00. An alarm "in 20
 * minutes" needs `now` for the same reason.
 */
function resolveAlarmSet(captures: Captures, context: ResolveContext): Slots | null {
  const { date, in_seconds, ...rest } = captures;
  if (in_seconds !== undefined) return alarmFromNow(Number(in_seconds), rest, context);
  if (date === undefined) return { ...rest };
  if (rest.time === undefined) return null;
  const { day, part } = splitDayRef(String(date));
  const slots = { ...rest, time: timeInDayPart(String(rest.time), part) };
  const iso = resolveDay(day, context.today);
  if (iso) return { ...slots, date: iso };
  return day === 'today' || day === 'tomorrow' ? slots : null;
}

function alarmFromNow(seconds: number, rest: Captures, context: ResolveContext): Slots | null {
  if (context.today === undefined || context.time === undefined) return null;
  const due = addSecondsToLocal(context.today, context.time, seconds);
  return due ? { ...rest, time: due.time, date: due.date } : null;
}

/**
 * alarm.list: `day` is the local date asked about ("is my alarm set for tomorrow"); it is
 * dropped when it cannot be resolved without the caller's `now` (every alarm is then listed,
 * which still answers). Questions about when the alarm goes off ask for the `next` one.
 */
function alarmListSlots(which?: 'next') {
  return (captures: Captures, context: ResolveContext): Slots => {
    const day =
      captures.day === undefined ? null : resolveDay(splitDayRef(String(captures.day)).day, context.today);
    return { ...(which ? { which } : {}), ...(day ? { day } : {}) };
  };
}

/** Which alarm to cancel is said by time or label; a day said with it is not a slot of the catalogue. */
function resolveAlarmCancel(captures: Captures): Slots {
  const { ignored_day: _day, ...slots } = captures;
  return slots;
}

export const alarmIntents: readonly IntentDefinition[] = [
  {
    intent: 'alarm.set',
    templates: [
      '<set> [an|a|my|the] <alarm_noun> [to <wake_me>] [for|at|to|on] {time} [[for] <alarm_days>] [<alarm_label>]',
      '<set> [an|a|my|the] <alarm_noun> [for|on] <alarm_days> [for|at] {time} [<alarm_label>]',
      '<set> [an|a|the|my] {label} <alarm_noun> [for|at] {time} [<alarm_days>]',
      '<set> [an|a|the|my] {room} <alarm_noun> [for|at] {time} [<alarm_days>]',
      '<set> [an|a|the|my] <alarm_noun> <in_room> [for|at] {time} [<alarm_days>]',
      '<set> [an|a|my|the] <alarm_noun> <alarm_label> [for|at] {time} [<alarm_days>]',
      '<set> [an|a|my|the] {time} <alarm_noun> [[for] <alarm_days>] [<alarm_label>]',
      '<set> [an|a] {repeat} <alarm_noun> [for|at] {time}',
      '(put|set|turn) [an|a|the|my] <alarm_noun> on for {time} [<alarm_days>]',
      '<wake_me> [at|by|around] {time} [<alarm_days>] [<alarm_label>]',
      '<wake_me> <alarm_days> [at|by|around] {time}',
      '[an|a] <alarm_noun> [set] [at|for] {time} [<alarm_days>] [<alarm_label>]',
      '[an|a] <alarm_noun> [for] <alarm_days> [at|for] {time}',
      '[an|a] {time} <alarm_noun> [[for] <alarm_days>]',
      '(change|move|reset|update|switch|push) [my|the] <alarm_noun> to {time} [<alarm_days>]',
      '(be|get|wake) up (at|by) {time} [<alarm_days>]',
      '(make sure|ensure) i am (up|awake) (at|by) {time} [<alarm_days>]',
      '<set> [an|a|my|the] <alarm_noun> (in|for) {duration:in_seconds} [from now]',
      '<wake_me> in {duration:in_seconds}',
      // No time yet: the skill asks "For what time?".
      '<set> [an|a|my|the] <alarm_noun> [<alarm_label>]',
      '(wake me up|wake me) [early]',
    ],
    resolve: resolveAlarmSet,
  },
  {
    intent: 'alarm.cancel',
    templates: [
      '<alarm_off> [the|my|that|this] [{time}] <alarm_noun> [[for] {day:ignored_day}]',
      '<alarm_off> [the|my|that|this] {label} <alarm_noun> [[for] {day:ignored_day}]',
      '<alarm_off> [the|my|that|this] {room} <alarm_noun> [[for] {day:ignored_day}]',
      '<alarm_off> [the|my|that|this] <alarm_noun> <in_room> [[for] {day:ignored_day}]',
      '<alarm_off> [the|my] next <alarm_noun>',
      '<alarm_off> [the|my] <alarm_noun> [for|at|set for] {time} [{day:ignored_day}]',
      '<alarm_off> [the|my] <alarm_noun> <alarm_label>',
      '<alarm_off> [the|my|that] <alarm_noun> [that] i (set|made) [(for|at) {time}] [{day:ignored_day}]',
      '<alarm_off> [the|my|that] <alarm_noun> [set] [for] {day:ignored_day}',
      '<alarm_off> {day:ignored_day} [{time}] <alarm_noun>',
      '<alarm_off> (all [of] [my|the] alarms|[my|the] alarms|every alarm|both alarms) [[for] {day:ignored_day}]',
      '(turn|switch|shut) [my|the] [{time}] <alarm_noun> off',
      'do not wake me [up] [{day:ignored_day}] [at {time}]',
      'i do not (need|want) [an|the|my] [{time}] <alarm_noun> [(at|for) {time}] [{day:ignored_day}] [anymore|any more]',
    ],
    resolve: resolveAlarmCancel,
  },
  {
    intent: 'alarm.list',
    templates: [
      '(what|which) (alarms|alarm) (do i have|are set|is set|have i set|are on|are active|are there|did i set|are scheduled|do i have set) [for] [{day}]',
      '(list|show [me]|read [me]|check|give me|see) [all] [my|the] (alarms|alarm)',
      'check [my|the] alarm',
      'what are my alarms [set] [for] [{day}]',
      '[are|is] [there] any alarms [set|on] [for] [{day}]',
      'how many alarms (do i have|are set|have i set|are there) [for] [{day}]',
      '(do i have|have i got|is there|are there) (any|an) (alarms|alarm) [set|on] [for] [{day}|{time:ignored_time}]',
      '(is|have i set) my <alarm_noun> [set|on] [for] [{time:ignored_time}] [{day}]',
      'did i set (an|my) <alarm_noun> [for {time:ignored_time}] [{day}]',
      '[my] alarms',
      'what alarms i have',
      '(if|whether) i have (any|an) (alarms|alarm) [set] [{day}]',
    ],
    resolve: alarmListSlots(),
  },
  {
    intent: 'alarm.list',
    templates: [
      'what is my [next] <alarm_noun> set (for|to) [{day}]',
      'when is [my|the] [next] <alarm_noun> [set] [for] [{day}]',
      'what is [my|the] next <alarm_noun> [set for] [{day}]',
      'what time (am i getting up|do i get up|do i have to get up|am i waking up) [{day}]',
      '(when|what time) (is|did i set) (my|the) [next] <alarm_noun> [set] [for] [{day}]',
      '(when|what time) (does|will) [my|the] [next] <alarm_noun> (go off|ring) [{day}]',
      'how long (until|till|til|before) [my|the] [next] <alarm_noun> [goes off|rings]',
      'how much time (until|till|before) [my|the] [next] <alarm_noun> [goes off|rings]',
      'when my [next] <alarm_noun> is [set for]',
      'what time my <alarm_noun> is [set for]',
      '[my|the] next <alarm_noun>',
    ],
    resolve: alarmListSlots('next'),
  },
  {
    intent: 'alarm.snooze',
    templates: [
      'snooze [it|that|[the|my] <alarm_noun>] [[for] [another] {minutes}]',
      'snooze [it|that|[the|my] <alarm_noun>] [for] (a bit|a while|a little|a little bit|a little while|a few minutes)',
      '(hit|press|push) [the] snooze [button]',
      '[give me|let me sleep|let me sleep for] {minutes} more minutes',
      'remind me again in {minutes}',
    ],
  },
];
