import type { IntentMatch, IntentName, Reply } from '@hark/contracts';
import { tokenizeWords } from '@hark/nlu';
import type { PendingQuestion } from './session-store.js';

/**
 * "A timer or an alarm?": when no recogniser stage was sure but the text reads as a free
 * skill, Hark asks which one instead of spending a trial turn or showing the upsell for
 * something it does for free. The readings (intent and slots) wait in the session; the
 * next turn picks one by naming it ("the alarm", "the second", "yes" when there is one).
 */

interface IntentAction {
  /** What doing it is called in a question: "start a timer". */
  say: string;
  /** Words that pick it in an answer. */
  picks: string[];
}

const ACTIONS: Record<IntentName, IntentAction> = {
  'timer.start': { say: 'start a timer', picks: ['timer', 'a timer', 'start a timer', 'start one'] },
  'timer.cancel': {
    say: 'cancel a timer',
    picks: ['cancel', 'cancel it', 'cancel the timer', 'stop the timer'],
  },
  'timer.status': {
    say: 'hear how long a timer has left',
    picks: ['time left', 'how long', 'how long is left', 'check'],
  },
  'timer.pause': { say: 'pause a timer', picks: ['pause', 'pause it'] },
  'timer.resume': { say: 'resume a timer', picks: ['resume', 'resume it', 'continue'] },
  'timer.add_time': { say: 'add time to a timer', picks: ['add time', 'add', 'more time'] },
  'timer.remove_time': { say: 'take time off a timer', picks: ['take time off', 'less time', 'remove time'] },
  'timer.cancel_all': { say: 'cancel all timers', picks: ['all timers', 'cancel all', 'all of them'] },
  'alarm.set': { say: 'set an alarm', picks: ['alarm', 'an alarm', 'set an alarm', 'the alarm'] },
  'alarm.cancel': { say: 'cancel an alarm', picks: ['cancel the alarm', 'delete the alarm', 'cancel alarm'] },
  'alarm.list': { say: 'hear your alarms', picks: ['alarms', 'my alarms', 'hear my alarms'] },
  'alarm.snooze': { say: 'snooze the alarm', picks: ['snooze', 'snooze it'] },
  'reminder.create': {
    say: 'set a reminder',
    picks: ['reminder', 'a reminder', 'remind me', 'set a reminder'],
  },
  'reminder.list': { say: 'hear your reminders', picks: ['reminders', 'my reminders', 'hear my reminders'] },
  'reminder.cancel': { say: 'cancel a reminder', picks: ['cancel the reminder', 'delete the reminder'] },
  'weather.get': { say: 'hear the weather', picks: ['weather', 'the weather', 'forecast'] },
  'time.get': { say: 'hear the time', picks: ['time', 'the time'] },
  'date.get': { say: 'hear the date', picks: ['date', 'the date', 'day'] },
  'list.add': { say: 'add to a list', picks: ['add', 'add it', 'add to the list'] },
  'list.remove': { say: 'take something off a list', picks: ['remove', 'take it off', 'remove it'] },
  'list.read': { say: 'hear a list', picks: ['read', 'read it', 'hear the list', 'read the list'] },
  'list.create': { say: 'make a new list', picks: ['new list', 'make a list', 'create', 'make one'] },
  'list.delete': { say: 'delete a list', picks: ['delete', 'delete the list', 'delete it'] },
  'list.list': { say: 'hear which lists you have', picks: ['which lists', 'my lists', 'lists'] },
  'units.convert': { say: 'convert units', picks: ['convert', 'conversion', 'convert it'] },
  'system.stop': { say: 'stop', picks: ['stop'] },
  'system.cancel': { say: 'cancel', picks: ['cancel'] },
  'system.help': { say: 'hear what I can do', picks: ['help', 'what you can do'] },
  'system.nevermind': { say: 'drop it', picks: ['drop it', 'never mind'] },
  'system.thanks': { say: 'end here', picks: ['end', 'that is all'] },
};

const YES_WORDS = new Set([
  'yes',
  'yeah',
  'yep',
  'yup',
  'sure',
  'ok',
  'okay',
  'please',
  'correct',
  'right',
  'absolutely',
]);
const YES = ['do it', 'go ahead', 'that one'];

/** "yes", "yeah please", "ok sure": a yes to a yes-or-no question (the choice parser drops these words as fillers). */
export function isYes(text: string): boolean {
  const words = tokenizeWords(text);
  return words.length > 0 && words.length <= 3 && words.every((word) => YES_WORDS.has(word));
}

/** The question for one or two readings, best first. */
export function clarifyingQuestion(readings: readonly IntentMatch[]): Reply {
  const [first, second] = readings.map((reading) => ACTIONS[reading.name].say);
  const text =
    second === undefined ? `Do you want me to ${first}?` : `Do you want to ${first}, or ${second}?`;
  return { text, speech: text };
}

/** The session's memory of the question: each reading, and the words that pick it. */
export function clarifyingPending(readings: readonly IntentMatch[], expiresAt: number): PendingQuestion {
  const choices = readings.map((reading, index) => ({
    phrases: [...ACTIONS[reading.name].picks, ...(readings.length === 1 ? YES : [])],
    value: index,
  }));
  return {
    intent: readings[0]!.name,
    slots: {},
    slot: '',
    kind: 'choice',
    choices,
    readings: readings.map((reading) => ({ intent: reading.name, slots: reading.slots })),
    expiresAt,
  };
}
