import { DEFAULT_SNOOZE_MINUTES, MAX_SNOOZE_MINUTES, type Slots } from '@hark/contracts';
import { isHarkError } from '@hark/core';
import { type DayWindow, dayWindow } from '../scheduled/day-window.js';
import { deviceIsInRoom, inRoom, sameRoom } from '../scheduled/rooms.js';
import { ask, type Skill, type SkillResult, type SkillTurn, say, skillFromHandlers } from '../skill.js';
import { spokenClockTime, spokenDay } from '../speech/clock-times.js';
import { dayAlarmsReply, nextAlarmReply, ringsOnDay, upcomingRings } from './alarm-agenda.js';
import { type AlarmItem, alarmView, isActiveAlarm } from './alarm-item.js';
import type { AlarmService } from './alarm-service.js';
import { alarmChoices, alarmName, alarmSetReply, alarmsSummary, whichAlarmQuestion } from './alarm-speech.js';

type AlarmTurn = SkillTurn<{ alarms: AlarmService }>;

export const alarmIntents = ['alarm.set', 'alarm.cancel', 'alarm.list', 'alarm.snooze'] as const;
type AlarmIntent = (typeof alarmIntents)[number];

const textSlot = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const sameLabel = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const nowOf = (turn: AlarmTurn) => turn.context.now.getTime();
const byNextRing = (a: AlarmItem, b: AlarmItem) => (a.dueAt ?? 0) - (b.dueAt ?? 0);

/** The reply for a refusal the user can act on; anything else is a real error. */
function refusalReply(error: unknown): SkillResult {
  if (!isHarkError(error)) throw error;
  if (error.code === 'HARK_ERR_LIMIT_REACHED') {
    const { limit } = error.details as { limit: number };
    return say(`You already have ${limit} alarms, the most you can have. Cancel one first.`);
  }
  if (error.code === 'HARK_ERR_INVALID_TIME')
    return say("That time has already passed, so I can't set an alarm for it.");
  throw error;
}

async function setAlarm(turn: AlarmTurn): Promise<SkillResult> {
  const { slots, context } = turn;
  const time = textSlot(slots.time);
  if (time === undefined) {
    return ask('For what time?', { intent: 'alarm.set', slots, slot: 'time', kind: 'clock_time' });
  }
  try {
    const alarm = await turn.alarms.create(context.userId, {
      time,
      date: textSlot(slots.date) ?? null,
      repeat: textSlot(slots.repeat) ?? null,
      // "Set the bedroom alarm": the room names it, and selects it later.
      label: textSlot(slots.label) ?? textSlot(slots.room) ?? null,
      timeZone: context.timeZone,
      deviceId: context.deviceId,
    });
    return say(alarmSetReply(alarm, nowOf(turn), context.locale), { data: { alarm: alarmView(alarm) } });
  } catch (error) {
    return refusalReply(error);
  }
}

/**
 * How a request names an alarm: an id (an answer to "which one?"), a clock time, a label,
 * or a room (an alarm labelled so, or set on a device in that room).
 */
interface AlarmSelector {
  id?: string;
  time?: string;
  label?: string;
  room?: string;
}

const selectorFromSlots = (slots: Slots): AlarmSelector => ({
  id: textSlot(slots.alarm_id),
  time: textSlot(slots.time),
  label: textSlot(slots.label),
  room: textSlot(slots.room),
});

const alarmIsInRoom = (alarm: AlarmItem, room: string) =>
  (alarm.label !== null && sameRoom(alarm.label, room)) || deviceIsInRoom(alarm.deviceId, room);

const fitsSelector = (alarm: AlarmItem, { id, time, label, room }: AlarmSelector) =>
  (!id || alarm.id === id) &&
  (!time || alarm.time === time) &&
  (!label || (alarm.label !== null && sameLabel(alarm.label, label))) &&
  (!room || alarmIsInRoom(alarm, room));

function noSuchAlarm(active: readonly AlarmItem[], selector: AlarmSelector, locale: string): SkillResult {
  if (active.length === 0) return say("You don't have any alarms set.");
  if (selector.id) return say('That alarm is no longer set.');
  if (selector.label) return say(`You don't have a ${selector.label} alarm.`);
  if (!selector.time && selector.room) return say(`You don't have an alarm ${inRoom(selector.room)}.`);
  return say(`You don't have an alarm at ${spokenClockTime(selector.time!, locale)}.`);
}

/**
 * "Turn off the alarm" while one rings stops it ("... in the kids room": the one ringing
 * there); otherwise cancels the alarm named, asking which if several fit.
 */
async function cancelAlarm(turn: AlarmTurn): Promise<SkillResult> {
  const { slots, context } = turn;
  const selector = selectorFromSlots(slots);
  if (!selector.id && !selector.time && !selector.label) {
    const { room } = selector;
    const inThatRoom = room === undefined ? undefined : (alarm: AlarmItem) => alarmIsInRoom(alarm, room);
    const stopped = await turn.alarms.stopRinging(context.userId, inThatRoom);
    if (stopped.length > 0) return say('Alarm stopped.', { data: { stopped: stopped.map((a) => a.id) } });
  }
  const active = (await turn.alarms.list(context.userId)).filter(isActiveAlarm).sort(byNextRing);
  const matching = active.filter((alarm) => fitsSelector(alarm, selector));
  if (matching.length === 0) return noSuchAlarm(active, selector, context.locale);
  if (matching.length > 1) {
    return ask(whichAlarmQuestion(matching, nowOf(turn), context.locale), {
      intent: 'alarm.cancel',
      slots,
      slot: 'alarm_id',
      kind: 'choice',
      choices: alarmChoices(matching, context.locale),
    });
  }
  const cancelled = await turn.alarms.cancel(context.userId, matching[0]!.id);
  const name = alarmName(matching[0]!, nowOf(turn), context.locale);
  return say(`Cancelled ${name}.`, { data: { alarm: alarmView(cancelled) } });
}

/** The next alarm to ring (`which: next`), or those ringing on a day (`day`), or the first of that day. */
function alarmAgenda(turn: AlarmTurn, active: readonly AlarmItem[], day: DayWindow | null): SkillResult {
  const { locale, timeZone } = turn.context;
  const now = nowOf(turn);
  const rings = day ? ringsOnDay(active, day, now) : upcomingRings(active, now);
  const dayWords = day ? spokenDay(day.start, now, timeZone, locale) : undefined;
  const next = turn.slots.which === 'next';
  const shown = next ? rings.slice(0, 1) : rings;
  const text = next
    ? nextAlarmReply(rings[0], now, locale, dayWords)
    : dayAlarmsReply(rings, dayWords!, locale);
  return say(text, {
    data: {
      alarms: shown.map((ring) => alarmView(ring.alarm)),
      rings: shown.map((ring) => ({ id: ring.alarm.id, at: new Date(ring.at).toISOString() })),
    },
  });
}

/** Every alarm; or, for "when does my alarm go off" and "is my alarm set for tomorrow", the agenda. */
async function listAlarms(turn: AlarmTurn): Promise<SkillResult> {
  const { slots, context } = turn;
  const active = (await turn.alarms.list(context.userId)).filter(isActiveAlarm).sort(byNextRing);
  const day = typeof slots.day === 'string' ? dayWindow(slots.day, context.timeZone) : null;
  if (day || slots.which === 'next') return alarmAgenda(turn, active, day);
  return say(alarmsSummary(active, nowOf(turn), context.locale), { data: { alarms: active.map(alarmView) } });
}

async function snoozeAlarm(turn: AlarmTurn): Promise<SkillResult> {
  const minutes = typeof turn.slots.minutes === 'number' ? turn.slots.minutes : DEFAULT_SNOOZE_MINUTES;
  if (minutes > MAX_SNOOZE_MINUTES) return say(`You can snooze for up to ${MAX_SNOOZE_MINUTES} minutes.`);
  const ringing = await turn.alarms.ringing(turn.context.userId);
  if (ringing.length === 0) return say('No alarm is ringing right now.');
  const snoozed = await Promise.all(
    ringing.map((alarm) => turn.alarms.snooze(turn.context.userId, alarm.id, minutes)),
  );
  return say(`Snoozed for ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
    data: { alarms: snoozed.map(alarmView) },
  });
}

const handlers: Record<AlarmIntent, (turn: AlarmTurn) => Promise<SkillResult>> = {
  'alarm.set': setAlarm,
  'alarm.cancel': cancelAlarm,
  'alarm.list': listAlarms,
  'alarm.snooze': snoozeAlarm,
};

/** Alarms by voice: set (once or repeating, in the user's zone), list, cancel, snooze. */
export function createAlarmSkill(alarms: AlarmService): Skill {
  return skillFromHandlers({
    id: 'alarms',
    help: 'set alarms, once or every weekday ("wake me up at 7 on weekdays")',
    handlers,
    dependencies: { alarms },
  });
}
