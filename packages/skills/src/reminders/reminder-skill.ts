import type { Slots } from '@hark/contracts';
import { isHarkError } from '@hark/core';
import { DateTime } from 'luxon';
import { nextOccurrence } from '../alarms/alarm-recurrence.js';
import { type DayWindow, dayWindow, isWithin } from '../scheduled/day-window.js';
import {
  ask,
  type Skill,
  type SkillContext,
  type SkillResult,
  type SkillTurn,
  say,
  skillFromHandlers,
} from '../skill.js';
import { spokenDay } from '../speech/clock-times.js';
import { isPendingReminder, type ReminderItem, reminderView } from './reminder-item.js';
import type { ReminderService, ReminderWhen } from './reminder-service.js';
import {
  dayRemindersReply,
  isAboutTopic,
  nextReminderReply,
  reminderChoices,
  reminderSetReply,
  remindersSummary,
  whichReminderQuestion,
} from './reminder-speech.js';

type ReminderTurn = SkillTurn<{ reminders: ReminderService }>;

export const reminderIntents = ['reminder.create', 'reminder.list', 'reminder.cancel'] as const;
type ReminderIntent = (typeof reminderIntents)[number];

const textSlot = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const nowOf = (turn: ReminderTurn) => turn.context.now.getTime();
const byDueTime = (a: ReminderItem, b: ReminderItem) => a.dueAt - b.dueAt;

/**
 * When the slots say a reminder is due: `in_seconds`, `at` (local date-time), or `time`
 * (a clock time answering "When should I remind you?", meaning its next occurrence).
 */
function whenFromSlots(slots: Slots, context: SkillContext): ReminderWhen | null {
  const { timeZone } = context;
  if (typeof slots.in_seconds === 'number') return { inSeconds: slots.in_seconds, timeZone };
  const at = textSlot(slots.at);
  if (at) return { at, timeZone };
  const time = textSlot(slots.time);
  if (!time) return null;
  const next = nextOccurrence({ time, date: null, repeat: null, timeZone }, context.now.getTime());
  if (next === null) return null;
  return { at: DateTime.fromMillis(next, { zone: timeZone }).toFormat("yyyy-LL-dd'T'HH:mm"), timeZone };
}

function refusalReply(error: unknown): SkillResult {
  if (!isHarkError(error)) throw error;
  if (error.code === 'HARK_ERR_LIMIT_REACHED') {
    const { limit } = error.details as { limit: number };
    return say(`You already have ${limit} reminders, the most you can have. Cancel one first.`);
  }
  if (error.code === 'HARK_ERR_INVALID_TIME')
    return say('That time has already passed. When should I remind you?');
  if (error.code === 'HARK_ERR_INVALID_DURATION') return say('I can only set reminders up to a year ahead.');
  throw error;
}

async function createReminder(turn: ReminderTurn): Promise<SkillResult> {
  const { slots, context } = turn;
  const text = textSlot(slots.text);
  if (!text) {
    return ask('What should I remind you about?', {
      intent: 'reminder.create',
      slots,
      slot: 'text',
      kind: 'text',
    });
  }
  const when = whenFromSlots(slots, context);
  if (!when) {
    return ask('When should I remind you?', {
      intent: 'reminder.create',
      slots,
      slot: 'time',
      kind: 'clock_time',
    });
  }
  try {
    const reminder = await turn.reminders.create(context.userId, {
      text,
      ...when,
      deviceId: context.deviceId,
    });
    return say(reminderSetReply(reminder, nowOf(turn), context.locale, when.inSeconds), {
      data: { reminder: reminderView(reminder) },
    });
  } catch (error) {
    return refusalReply(error);
  }
}

async function pendingAbout(turn: ReminderTurn): Promise<{ all: ReminderItem[]; matching: ReminderItem[] }> {
  const all = (await turn.reminders.list(turn.context.userId)).filter(isPendingReminder).sort(byDueTime);
  const id = textSlot(turn.slots.reminder_id);
  const topic = textSlot(turn.slots.text);
  const matching = all.filter(
    (reminder) => (!id || reminder.id === id) && (!topic || isAboutTopic(reminder, topic)),
  );
  return { all, matching };
}

/** Those due on a day (`day`: "any reminders today"), or only the next (`which: next`), or both. */
function reminderAgenda(
  turn: ReminderTurn,
  matching: readonly ReminderItem[],
  day: DayWindow | null,
): SkillResult {
  const { locale, timeZone } = turn.context;
  const now = nowOf(turn);
  const due = day ? matching.filter((reminder) => isWithin(reminder.dueAt, day)) : matching;
  const dayWords = day ? spokenDay(day.start, now, timeZone, locale) : undefined;
  const next = turn.slots.which === 'next';
  const text = next
    ? nextReminderReply(due[0], now, locale, dayWords)
    : dayRemindersReply(due, dayWords!, locale); // without `next`, a day was asked about
  return say(text, { data: { reminders: (next ? due.slice(0, 1) : due).map(reminderView) } });
}

async function listReminders(turn: ReminderTurn): Promise<SkillResult> {
  const { all, matching } = await pendingAbout(turn);
  const topic = textSlot(turn.slots.text);
  if (topic && all.length > 0 && matching.length === 0)
    return say(`You don't have any reminders about ${topic}.`);
  const { slots, context } = turn;
  const day = typeof slots.day === 'string' ? dayWindow(slots.day, context.timeZone) : null;
  if (day || slots.which === 'next') return reminderAgenda(turn, matching, day);
  return say(remindersSummary(matching, nowOf(turn), turn.context.locale), {
    data: { reminders: matching.map(reminderView) },
  });
}

async function cancelReminder(turn: ReminderTurn): Promise<SkillResult> {
  const { all, matching } = await pendingAbout(turn);
  const topic = textSlot(turn.slots.text);
  if (all.length === 0) return say("You don't have any reminders.");
  if (matching.length === 0) return say(`You don't have a reminder about ${topic ?? 'that'}.`);
  if (matching.length > 1) {
    return ask(whichReminderQuestion(matching), {
      intent: 'reminder.cancel',
      slots: turn.slots,
      slot: 'reminder_id',
      kind: 'choice',
      choices: reminderChoices(matching),
    });
  }
  const cancelled = await turn.reminders.cancel(turn.context.userId, matching[0]!.id);
  return say(`Cancelled the reminder: ${cancelled.text}.`, { data: { reminder: reminderView(cancelled) } });
}

const handlers: Record<ReminderIntent, (turn: ReminderTurn) => Promise<SkillResult>> = {
  'reminder.create': createReminder,
  'reminder.list': listReminders,
  'reminder.cancel': cancelReminder,
};

/** Reminders by voice: "remind me to call mom at 5", list them, cancel one. */
export function createReminderSkill(reminders: ReminderService): Skill {
  return skillFromHandlers({
    id: 'reminders',
    help: 'remind you of things ("remind me to call mom in 10 minutes")',
    handlers,
    dependencies: { reminders },
  });
}
