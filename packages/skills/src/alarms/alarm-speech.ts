import type { FollowUpChoice } from '../skill.js';
import { clockTimePhrases, spokenClockTime, spokenDay, spokenTimeOf } from '../speech/clock-times.js';
import { joinSpoken } from '../speech/number-words.js';
import type { AlarmItem } from './alarm-item.js';

const dayNames: Record<string, string> = {
  mon: 'Mondays',
  tue: 'Tuesdays',
  wed: 'Wednesdays',
  thu: 'Thursdays',
  fri: 'Fridays',
  sat: 'Saturdays',
  sun: 'Sundays',
};

/** "every day", "on weekdays", "on Mondays and Wednesdays", or the day of a one-off alarm. */
export function alarmDays(alarm: AlarmItem, now: number, locale: string): string {
  if (alarm.repeat === 'daily') return 'every day';
  if (alarm.repeat === 'weekdays' || alarm.repeat === 'weekends') return `on ${alarm.repeat}`;
  if (alarm.repeat !== null)
    return `on ${joinSpoken(alarm.repeat.split(',').map((day) => dayNames[day] ?? day))}`;
  return alarm.ringsAt === null ? '' : spokenDay(alarm.ringsAt, now, alarm.timeZone, locale);
}

/** "7:00 AM tomorrow", "7:00 AM on weekdays". */
export function alarmWhen(alarm: AlarmItem, now: number, locale: string): string {
  return `${spokenClockTime(alarm.time, locale)} ${alarmDays(alarm, now, locale)}`.trim();
}

/** "Alarm set for 7:00 AM tomorrow." / "Work alarm set for 7:00 AM on weekdays." */
export function alarmSetReply(alarm: AlarmItem, now: number, locale: string): string {
  const what = alarm.label ? `${alarm.label.charAt(0).toUpperCase()}${alarm.label.slice(1)} alarm` : 'Alarm';
  return `${what} set for ${alarmWhen(alarm, now, locale)}.`;
}

/** "your work alarm at 7:00 AM on weekdays" / "your 7:00 AM alarm tomorrow". */
export function alarmName(alarm: AlarmItem, now: number, locale: string): string {
  if (alarm.label) return `your ${alarm.label} alarm at ${alarmWhen(alarm, now, locale)}`;
  return `your ${spokenClockTime(alarm.time, locale)} alarm ${alarmDays(alarm, now, locale)}`.trim();
}

function listedAlarm(alarm: AlarmItem, now: number, locale: string): string {
  const when = alarmWhen(alarm, now, locale);
  const base = alarm.label ? `${alarm.label} at ${when}` : when;
  if (alarm.state === 'RINGING') return `${base}, ringing now`;
  if (alarm.state === 'SNOOZED' && alarm.dueAt !== null) {
    return `${base}, snoozed until ${spokenTimeOf(alarm.dueAt, alarm.timeZone, locale)}`;
  }
  return base;
}

export function alarmsSummary(alarms: readonly AlarmItem[], now: number, locale: string): string {
  if (alarms.length === 0) return "You don't have any alarms set.";
  const each = alarms.map((alarm) => listedAlarm(alarm, now, locale));
  if (alarms.length === 1) return `You have one alarm: ${each[0]}.`;
  return `You have ${alarms.length} alarms: ${joinSpoken(each)}.`;
}

export function whichAlarmQuestion(candidates: readonly AlarmItem[], now: number, locale: string): string {
  return `Which alarm: ${joinSpoken(
    candidates.map((alarm) => listedAlarm(alarm, now, locale)),
    'or',
  )}?`;
}

/** The answers that pick each candidate: its label or its time as people say it (positions are the NLU's). */
export function alarmChoices(candidates: readonly AlarmItem[], locale: string): FollowUpChoice[] {
  return candidates.map((alarm) => {
    const phrases = [
      ...(alarm.label ? [alarm.label, `${alarm.label} alarm`] : []),
      ...clockTimePhrases(alarm.time, locale),
    ];
    return { phrases: [...new Set(phrases)], value: alarm.id };
  });
}
