import type { IntentName, ToolEvent } from '@hark/contracts';
import type { SkillTool } from './skill-tools.js';

/**
 * Intents whose skill reply, when the skill succeeded, is the whole answer: actions on the user's
 * timers, alarms, reminders and lists, whose reply is already the spoken sentence ("Timer set
 * for 6 minutes."). Asking the model again after them would re-send the whole prompt to have it
 * say that sentence in other words. Not here: skills that return data the model may have to
 * interpret for the question asked (weather for "should I take an umbrella?", a conversion inside
 * a recipe question, the time somewhere for "is it too late to call?"), and read-outs of the
 * user's own items (list.read, alarm.list...), which a question may want filtered or summed up.
 */
export const answerCompleteIntents: ReadonlySet<IntentName> = new Set<IntentName>([
  'timer.start',
  'timer.cancel',
  'timer.pause',
  'timer.resume',
  'timer.add_time',
  'timer.remove_time',
  'timer.cancel_all',
  'alarm.set',
  'alarm.cancel',
  'alarm.snooze',
  'reminder.create',
  'reminder.cancel',
  'list.add',
  'list.remove',
  'list.create',
  'list.delete',
  'system.stop',
]);

/**
 * The turn's reply straight from the skills of one tool round, or null when the model must be
 * asked again: the model wrote nothing beside its calls (text would mean it is still composing
 * an answer of its own), every call of the round ran a skill of an answer-complete intent, and
 * every one succeeded (an error is the model's to explain). The model still chose the skills and
 * their slots; only the sentence it would have paraphrased is taken from the skills.
 */
export function replyFromSkills(
  modelText: string,
  events: readonly ToolEvent[],
  tools: readonly SkillTool[],
): string | null {
  if (modelText.trim() !== '' || events.length === 0) return null;
  const complete = events.every((event) => {
    const intent = tools.find((tool) => tool.name === event.name)?.intent;
    return event.result.ok && intent !== undefined && answerCompleteIntents.has(intent as IntentName);
  });
  if (!complete) return null;
  return events.map((event) => (event.result.ok ? event.result.text.trim() : '')).join(' ');
}
