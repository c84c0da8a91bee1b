import { MAX_TIMER_SECONDS } from '@hark/contracts';
import { isHarkError } from '@hark/core';
import { inRoom } from '../scheduled/rooms.js';
import { ask, type Skill, type SkillResult, type SkillTurn, say, skillFromHandlers } from '../skill.js';
import { spokenDuration, spokenRemaining } from '../speech/durations.js';
import { isActiveTimer, isRingingTimer, type TimerItem, timerRemainingMs, timerView } from './timer-item.js';
import {
  hasSelector,
  selectorFromSlots,
  selectTimer,
  type TimerSelector,
  timerIsInRoom,
} from './timer-selection.js';
import type { TimerService } from './timer-service.js';
import {
  capitalize,
  timerChoices,
  timerLabel,
  timerStatus,
  timersSummary,
  whichTimerQuestion,
} from './timer-speech.js';

/** One timer request: the service, what was said, and who said it when. */
type TimerTurn = SkillTurn<{ timers: TimerService }>;

type TimerIntent = (typeof timerIntents)[number];

export const timerIntents = [
  'timer.start',
  'timer.status',
  'timer.pause',
  'timer.resume',
  'timer.add_time',
  'timer.remove_time',
  'timer.cancel',
  'timer.cancel_all',
] as const;

const numberSlot = (value: unknown) => (typeof value === 'number' ? value : undefined);
const textSlot = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
/** The timers' own clock, not the turn's start: a timer just set then has exactly its length left. */
const nowOf = (turn: TimerTurn) => turn.timers.now();
const timerData = (timer: TimerItem, turn: TimerTurn) => ({ data: { timer: turn.timers.view(timer) } });

/** "You don't have a pasta timer.", "... a 10 minute timer in the kitchen.": what the user asked for that does not exist. */
function noSuchTimer(selector: TimerSelector): SkillResult {
  const length = selector.originalSeconds && spokenDuration(selector.originalSeconds).replace(/s$/, '');
  const what = [selector.name, length].filter(Boolean).join(' ');
  const where = selector.room ? ` ${inRoom(selector.room)}` : '';
  return say(`You don't have a ${what ? `${what} ` : ''}timer${where}.`);
}

/**
 * Finds the timer a request means and runs `act` on it; asks which one when several fit
 * (the answer comes back as the `timer_id` slot of the same intent).
 */
async function onSelectedTimer(
  intent: TimerIntent,
  turn: TimerTurn,
  act: (timer: TimerItem) => Promise<SkillResult>,
  prefer?: (timer: TimerItem) => boolean,
): Promise<SkillResult> {
  const selector = selectorFromSlots(turn.slots);
  const all = await turn.timers.list(turn.context.userId);
  if (selector.id !== undefined) {
    const chosen = all.find((timer) => timer.id === selector.id);
    if (!chosen || !isActiveTimer(chosen)) return say('That timer has already finished or been cancelled.');
    return act(chosen);
  }
  const active = all.filter(isActiveTimer);
  if (active.length === 0) return say("You don't have any timers running.");
  const selection = selectTimer(active, selector, prefer);
  if (selection.kind === 'none') return noSuchTimer(selector);
  if (selection.kind === 'one') return act(selection.item);
  return ask(whichTimerQuestion(selection.candidates), {
    intent,
    slots: turn.slots,
    slot: 'timer_id',
    kind: 'choice',
    choices: timerChoices(selection.candidates),
  });
}

async function startTimer(turn: TimerTurn): Promise<SkillResult> {
  const { slots, context } = turn;
  const durationSeconds = numberSlot(slots.duration_seconds);
  if (durationSeconds === undefined) {
    return ask('For how long?', { intent: 'timer.start', slots, slot: 'duration_seconds', kind: 'duration' });
  }
  if (durationSeconds > MAX_TIMER_SECONDS) return say('Timers can run for at most 30 days.');
  try {
    const name = textSlot(slots.name);
    const timer = await turn.timers.start(context.userId, {
      durationSeconds,
      name,
      deviceId: context.deviceId,
    });
    const what = timer.name ? `${capitalize(timer.name)} timer` : 'Timer';
    return say(`${what} set for ${spokenDuration(durationSeconds)}.`, timerData(timer, turn));
  } catch (error) {
    if (!isHarkError(error) || error.code !== 'HARK_ERR_LIMIT_REACHED') throw error;
    const { limit } = error.details as { limit: number };
    return say(`You already have ${limit} timers running, the most you can have. Cancel one first.`);
  }
}

/** One timer when the request names one; otherwise all running and paused ones in a sentence. */
async function timerStatusReply(turn: TimerTurn): Promise<SkillResult> {
  const now = nowOf(turn);
  const all = await turn.timers.list(turn.context.userId);
  const active = all.filter(isActiveTimer);
  if (active.length === 0) {
    const ringing = all.find((timer) => isRingingTimer(timer, now));
    return say(ringing ? `Your ${timerLabel(ringing)} has finished.` : "You don't have any timers running.");
  }
  const selector = selectorFromSlots(turn.slots);
  const selection = hasSelector(selector) ? selectTimer(active, selector) : null;
  if (selection?.kind === 'none') return noSuchTimer(selector);
  const shown = selection?.kind === 'one' ? [selection.item] : (selection?.candidates ?? active);
  return say(timersSummary(shown, now), { data: { timers: shown.map((timer) => timerView(timer, now)) } });
}

const pauseTimer = (turn: TimerTurn) =>
  onSelectedTimer(
    'timer.pause',
    turn,
    async (timer) => {
      if (timer.state === 'PAUSED') return say(`Your ${timerLabel(timer)} is already paused.`);
      const paused = await turn.timers.pause(turn.context.userId, timer.id);
      return say(`Paused. ${timerStatus(paused, nowOf(turn))}`, timerData(paused, turn));
    },
    (timer) => timer.state === 'ON',
  );

const resumeTimer = (turn: TimerTurn) =>
  onSelectedTimer(
    'timer.resume',
    turn,
    async (timer) => {
      if (timer.state === 'ON') return say(`Your ${timerLabel(timer)} is already running.`);
      const resumed = await turn.timers.resume(turn.context.userId, timer.id);
      return say(`Resumed. ${timerStatus(resumed, nowOf(turn))}`, timerData(resumed, turn));
    },
    (timer) => timer.state === 'PAUSED',
  );

/** "Add 5 minutes" / "take 2 minutes off": refuses, in words, to take off more than is left. */
function changeTimerTime(intent: 'timer.add_time' | 'timer.remove_time') {
  const adding = intent === 'timer.add_time';
  return (turn: TimerTurn): Promise<SkillResult> | SkillResult => {
    const seconds = numberSlot(turn.slots.delta_seconds);
    if (seconds === undefined) {
      const question = adding ? 'How much time should I add?' : 'How much time should I take off?';
      return ask(question, { intent, slots: turn.slots, slot: 'delta_seconds', kind: 'duration' });
    }
    return onSelectedTimer(intent, turn, async (timer) => {
      const remaining = timerRemainingMs(timer, nowOf(turn)) ?? 0;
      if (!adding && seconds * 1000 >= remaining) {
        return say(`Your ${timerLabel(timer)} only has ${spokenRemaining(remaining)} left.`);
      }
      if (adding && remaining + seconds * 1000 > MAX_TIMER_SECONDS * 1000) {
        return say('Timers can run for at most 30 days.');
      }
      const { userId } = turn.context;
      const changed = adding
        ? await turn.timers.addTime(userId, timer.id, seconds)
        : await turn.timers.removeTime(userId, timer.id, seconds);
      const done = adding ? `Added ${spokenDuration(seconds)}.` : `Took off ${spokenDuration(seconds)}.`;
      return say(`${done} ${timerStatus(changed, nowOf(turn))}`, timerData(changed, turn));
    });
  };
}

async function cancelTimer(turn: TimerTurn): Promise<SkillResult> {
  // "Stop the timer" while one is ringing means that one, not one still counting down; "stop
  // the kitchen timer", the one ringing in the kitchen.
  const { room, ...named } = selectorFromSlots(turn.slots);
  if (!hasSelector(named)) {
    const inRoom = room === undefined ? undefined : (timer: TimerItem) => timerIsInRoom(timer, room);
    const stopped = await turn.timers.stopRinging(turn.context.userId, inRoom);
    if (stopped.length > 0) return say('Timer stopped.', { data: { stopped: stopped.map((t) => t.id) } });
  }
  return onSelectedTimer('timer.cancel', turn, async (timer) => {
    const cancelled = await turn.timers.cancel(turn.context.userId, timer.id);
    return say(`Cancelled your ${timerLabel(timer)}.`, timerData(cancelled, turn));
  });
}

async function cancelAllTimers(turn: TimerTurn): Promise<SkillResult> {
  const cancelled = await turn.timers.cancelAll(turn.context.userId);
  const data = { data: { cancelled: cancelled.map((timer) => timer.id) } };
  if (cancelled.length === 0) return say("You don't have any timers running.", data);
  if (cancelled.length === 1) return say(`Cancelled your ${timerLabel(cancelled[0]!)}.`, data);
  return say(`Cancelled all ${cancelled.length} timers.`, data);
}

const handlers: Record<TimerIntent, (turn: TimerTurn) => Promise<SkillResult> | SkillResult> = {
  'timer.start': startTimer,
  'timer.status': timerStatusReply,
  'timer.pause': pauseTimer,
  'timer.resume': resumeTimer,
  'timer.add_time': changeTimerTime('timer.add_time'),
  'timer.remove_time': changeTimerTime('timer.remove_time'),
  'timer.cancel': cancelTimer,
  'timer.cancel_all': cancelAllTimers,
};

/** Timers by voice: every timer.* intent, short replies, "which one?" when a request fits several. */
export function createTimerSkill(timers: TimerService): Skill {
  return skillFromHandlers({
    id: 'timers',
    help: 'set and manage timers ("set a pasta timer for 10 minutes")',
    handlers,
    dependencies: { timers },
  });
}
