import type { IntentName } from '@hark/contracts';
import type { AlarmItem } from '../alarms/alarm-item.js';
import { type Skill, say } from '../skill.js';
import { spokenClockTime } from '../speech/clock-times.js';
import { joinSpoken } from '../speech/number-words.js';
import type { TimerItem } from '../timers/timer-item.js';
import { timerLabel } from '../timers/timer-speech.js';

/** Something that can be ringing on the user's devices: alarms, finished timers. */
export interface RingingItems {
  /** Silences whatever of the user's is ringing now; returns what it silenced. */
  stopRinging(userId: string): Promise<readonly (TimerItem | AlarmItem)[]>;
}

/** "the kitchen timer", "the 10 minute timer", "the work alarm", "the 7:30 AM alarm". */
function stoppedName(item: TimerItem | AlarmItem, locale: string): string {
  if ('durationSeconds' in item) return `the ${timerLabel(item)}`;
  return item.label ? `the ${item.label} alarm` : `the ${spokenClockTime(item.time, locale)} alarm`;
}

/** What each of the three says when nothing rang: short, and never empty (a screen shows it, a speaker says it). */
const ENDED: Partial<Record<IntentName, string>> = {
  'system.stop': 'Stopped.',
  'system.cancel': 'OK, cancelled.',
  'system.nevermind': 'OK, never mind.',
};

/**
 * stop / cancel / never mind: end the session with a word of acknowledgement. "Stop" while an
 * alarm rings or a timer just finished also silences it, on every device of the user, and says
 * what it stopped ("OK, stopped the kitchen timer.").
 */
export function createEndSessionSkill(ringing: readonly RingingItems[]): Skill {
  return {
    id: 'end-session',
    intents: ['system.stop', 'system.cancel', 'system.nevermind'],
    help: 'stop, cancel or never mind to end the conversation',
    async handle(intent, _slots, context) {
      const silenced =
        intent === 'system.stop'
          ? (await Promise.all(ringing.map((items) => items.stopRinging(context.userId)))).flat()
          : [];
      const data = {
        sessionEnded: true,
        ...(silenced.length > 0 ? { stopped: silenced.map((item) => item.id) } : {}),
      };
      const names = silenced.map((item) => stoppedName(item, context.locale));
      const text = names.length > 0 ? `OK, stopped ${joinSpoken(names)}.` : (ENDED[intent] ?? 'OK.');
      return say(text, { endSession: true, data });
    },
  };
}

/** "what can you do": built from the help lines of the skills that are actually installed. */
export function createHelpSkill(listHelp: () => string[]): Skill {
  return {
    id: 'help',
    intents: ['system.help'],
    help: 'explain what I can do ("help")',
    handle() {
      const abilities = listHelp();
      const spoken =
        abilities.length > 1 ? `${abilities.slice(0, -1).join('; ')}; and ${abilities.at(-1)}` : abilities[0];
      return {
        reply: {
          text: `I can ${spoken}. What would you like to do?`,
          speech: `I can ${abilities.map((line) => line.replace(/\s*\(.*\)$/, '')).join(', ')}. What would you like to do?`,
        },
        expectsReply: true,
        data: { abilities },
      };
    },
  };
}
