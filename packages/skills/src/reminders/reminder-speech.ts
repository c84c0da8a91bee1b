import type { FollowUpChoice } from '../skill.js';
import { spokenDay, spokenTimeOf } from '../speech/clock-times.js';
import { spokenDuration, spokenUntil } from '../speech/durations.js';
import { joinSpoken } from '../speech/number-words.js';
import type { ReminderItem } from './reminder-item.js';

/** "today at 5:00 PM", "tomorrow at 9:00 AM", "on March 30 at 9:00 AM" in the reminder's zone. */
export function reminderWhen(reminder: ReminderItem, now: number, locale: string): string {
  const day = spokenDay(reminder.dueAt, now, reminder.timeZone, locale);
  return `${day} at ${spokenTimeOf(reminder.dueAt, reminder.timeZone, locale)}`;
}

/**
 * "OK, I'll remind you in 10 minutes: call mom." The text goes last because it may be a
 * verb phrase ("call mom") or a topic ("the dentist"), and this reads right with both.
 */
export function reminderSetReply(
  reminder: ReminderItem,
  now: number,
  locale: string,
  inSeconds?: number,
): string {
  const when =
    inSeconds === undefined ? reminderWhen(reminder, now, locale) : `in ${spokenDuration(inSeconds)}`;
  return `OK, I'll remind you ${when}: ${reminder.text}.`;
}

export function remindersSummary(reminders: readonly ReminderItem[], now: number, locale: string): string {
  if (reminders.length === 0) return "You don't have any reminders.";
  const each = reminders.map((reminder) => `${reminder.text} ${reminderWhen(reminder, now, locale)}`);
  if (reminders.length === 1) return `You have one reminder: ${each[0]}.`;
  return `You have ${reminders.length} reminders: ${joinSpoken(each)}.`;
}

/**
 * "Your next reminder is call mom, today at 5:00 PM, in 3 hours."; with a day, the first of
 * that day: "Your first reminder tomorrow is call mom, at 9:00 AM, in 20 hours."
 */
export function nextReminderReply(
  reminder: ReminderItem | undefined,
  now: number,
  locale: string,
  dayWords?: string,
): string {
  if (!reminder)
    return dayWords ? `You don't have any reminders ${dayWords}.` : "You don't have any reminders.";
  const subject = dayWords ? `first reminder ${dayWords}` : 'next reminder';
  const when = dayWords
    ? `at ${spokenTimeOf(reminder.dueAt, reminder.timeZone, locale)}`
    : reminderWhen(reminder, now, locale);
  return `Your ${subject} is ${reminder.text}, ${when}, ${spokenUntil(reminder.dueAt - now)}.`;
}

/** "You have 2 reminders tomorrow: call mom at 9:00 AM and pay the rent at 5:00 PM." */
export function dayRemindersReply(
  reminders: readonly ReminderItem[],
  dayWords: string,
  locale: string,
): string {
  if (reminders.length === 0) return `You don't have any reminders ${dayWords}.`;
  const each = reminders.map(
    (reminder) => `${reminder.text} at ${spokenTimeOf(reminder.dueAt, reminder.timeZone, locale)}`,
  );
  if (reminders.length === 1) return `You have one reminder ${dayWords}: ${each[0]}.`;
  return `You have ${reminders.length} reminders ${dayWords}: ${joinSpoken(each)}.`;
}

export function whichReminderQuestion(candidates: readonly ReminderItem[]): string {
  return `Which reminder: ${joinSpoken(
    candidates.map((reminder) => reminder.text),
    'or',
  )}?`;
}

export function reminderChoices(candidates: readonly ReminderItem[]): FollowUpChoice[] {
  return candidates.map((reminder) => ({
    phrases: [reminder.text],
    value: reminder.id,
  }));
}

const fillerWords = new Set(['the', 'my', 'a', 'an', 'to', 'about', 'for', 'reminder']);
const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .filter((word) => word !== '' && !fillerWords.has(word));

/** "mom" and "the mom reminder" are about "call mom": every word of the topic is in the text. */
export function isAboutTopic(reminder: ReminderItem, topic: string): boolean {
  const words = new Set(wordsOf(reminder.text));
  const wanted = wordsOf(topic);
  return wanted.length > 0 && wanted.every((word) => words.has(word));
}
