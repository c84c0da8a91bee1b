import type { FollowUpChoice } from '../skill.js';
import { durationModifier, durationPhrases, spokenDuration, spokenRemaining } from '../speech/durations.js';
import { joinSpoken } from '../speech/number-words.js';
import { type TimerItem, timerRemainingMs } from './timer-item.js';

export const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "pasta timer", or "10 minute timer" for one without a name. */
export const timerLabel = (timer: TimerItem): string =>
  `${timer.name ?? durationModifier(timer.durationSeconds)} timer`;

const left = (timer: TimerItem, now: number) => spokenRemaining(timerRemainingMs(timer, now) ?? 0);

/** "Your pasta timer has about 4 minutes left." / "Your pasta timer is paused with 4 minutes left." */
export function timerStatus(timer: TimerItem, now: number): string {
  const subject = `Your ${timerLabel(timer)}`;
  return timer.state === 'PAUSED'
    ? `${subject} is paused with ${left(timer, now)} left.`
    : `${subject} has ${left(timer, now)} left.`;
}

/** One timer's status, or all of them in one sentence. */
export function timersSummary(timers: readonly TimerItem[], now: number): string {
  if (timers.length === 0) return "You don't have any timers.";
  if (timers.length === 1) return timerStatus(timers[0]!, now);
  const each = [...timers]
    .sort((a, b) => (timerRemainingMs(a, now) ?? 0) - (timerRemainingMs(b, now) ?? 0))
    .map((timer) =>
      timer.state === 'PAUSED'
        ? `the ${timerLabel(timer)}, paused with ${left(timer, now)} left`
        : `the ${timerLabel(timer)} with ${left(timer, now)} left`,
    );
  return `You have ${timers.length} timers: ${joinSpoken(each)}.`;
}

/**
 * How a candidate is named in "which one?": its name, else its original length; both when
 * another candidate has the same name ("5 minute kitchen or 10 minute kitchen").
 */
function choiceLabel(timer: TimerItem, candidates: readonly TimerItem[]): string {
  if (timer.name === null) return spokenDuration(timer.durationSeconds);
  const repeated = candidates.some((other) => other !== timer && other.name === timer.name);
  return repeated ? `${durationModifier(timer.durationSeconds)} ${timer.name}` : timer.name;
}

/** "Which timer: pasta or eggs?" */
export function whichTimerQuestion(candidates: readonly TimerItem[]): string {
  return `Which timer: ${joinSpoken(
    candidates.map((timer) => choiceLabel(timer, candidates)),
    'or',
  )}?`;
}

/**
 * The answers that pick each candidate: its name, or its original length as people say it
 * ("10 minutes", "10 minute", "ten minutes"). Positions ("the second one") are the NLU's.
 */
export function timerChoices(candidates: readonly TimerItem[]): FollowUpChoice[] {
  return candidates.map((timer) => {
    const phrases = [
      ...(timer.name ? [timer.name, `${timer.name} timer`] : []),
      ...durationPhrases(timer.durationSeconds),
    ];
    return { phrases: [...new Set(phrases)], value: timer.id };
  });
}
