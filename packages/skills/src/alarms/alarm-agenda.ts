import { type DayWindow, isWithin } from '../scheduled/day-window.js';
import { spokenDay, spokenTimeOf } from '../speech/clock-times.js';
import { spokenUntil } from '../speech/durations.js';
import { joinSpoken } from '../speech/number-words.js';
import type { AlarmItem } from './alarm-item.js';
import { nextOccurrence } from './alarm-recurrence.js';

/**
 * Answers about when alarms ring rather than which exist: the next one ("when does my
 * alarm go off"), and those of one day ("is my alarm set for tomorrow").
 */

/** One ring of an alarm: the alarm and the instant. */
export interface AlarmRing {
  alarm: AlarmItem;
  at: number;
}

/** When the alarm next rings by itself: now while ringing, at the end of a snooze, else its set time. */
function nextRing(alarm: AlarmItem, now: number): number | null {
  if (alarm.state === 'RINGING') return now;
  if (alarm.state === 'SNOOZED') return alarm.dueAt;
  return alarm.ringsAt;
}

/** The active alarms in the order they ring, soonest first. */
export function upcomingRings(alarms: readonly AlarmItem[], now: number): AlarmRing[] {
  return alarms
    .map((alarm) => ({ alarm, at: nextRing(alarm, now) }))
    .filter((ring): ring is AlarmRing => ring.at !== null)
    .sort((a, b) => a.at - b.at);
}

/** When each alarm rings during `day`, if it does: a repeating one may ring then besides its next ring. */
export function ringsOnDay(alarms: readonly AlarmItem[], day: DayWindow, now: number): AlarmRing[] {
  const rings: AlarmRing[] = [];
  for (const alarm of alarms) {
    const next = nextRing(alarm, now);
    const later = alarm.repeat === null ? null : nextOccurrence(alarm, Math.max(now, day.start - 1));
    const at = [next, later].find((instant) => instant !== null && isWithin(instant, day));
    if (at !== undefined && at !== null) rings.push({ alarm, at });
  }
  return rings.sort((a, b) => a.at - b.at);
}

/** "7:00 AM", "work at 7:00 AM", "7:00 AM, ringing now". */
function ringLabel({ alarm, at }: AlarmRing, locale: string): string {
  const time = spokenTimeOf(at, alarm.timeZone, locale);
  const base = alarm.label ? `${alarm.label} at ${time}` : time;
  if (alarm.state === 'RINGING') return `${base}, ringing now`;
  return alarm.state === 'SNOOZED' ? `${base}, snoozed` : base;
}

/**
 * "Your next alarm is at 7:00 AM tomorrow, in 9 hours and 55 minutes."; with a day, the
 * first of that day: "Your first alarm on Friday is at 6:30 AM, in 3 days and 21 hours."
 */
export function nextAlarmReply(
  ring: AlarmRing | undefined,
  now: number,
  locale: string,
  dayWords?: string,
): string {
  if (!ring) return dayWords ? `You don't have any alarms ${dayWords}.` : "You don't have any alarms set.";
  const { alarm, at } = ring;
  if (alarm.state === 'RINGING') return `Your ${alarm.label ? `${alarm.label} ` : ''}alarm is ringing now.`;
  const time = spokenTimeOf(at, alarm.timeZone, locale);
  const when = dayWords ? time : `${time} ${spokenDay(at, now, alarm.timeZone, locale)}`;
  const subject = dayWords ? `first alarm ${dayWords}` : 'next alarm';
  const named = alarm.label ? `${subject}, ${alarm.label},` : subject;
  const snoozed = alarm.state === 'SNOOZED' ? ' (snoozed)' : '';
  return `Your ${named} is at ${when}${snoozed}, ${spokenUntil(at - now)}.`;
}

/** "You have 2 alarms tomorrow: 6:00 AM and work at 7:00 AM." */
export function dayAlarmsReply(rings: readonly AlarmRing[], dayWords: string, locale: string): string {
  if (rings.length === 0) return `You don't have any alarms ${dayWords}.`;
  const each = rings.map((ring) => ringLabel(ring, locale));
  if (rings.length === 1) return `You have one alarm ${dayWords}: ${each[0]}.`;
  return `You have ${rings.length} alarms ${dayWords}: ${joinSpoken(each)}.`;
}
