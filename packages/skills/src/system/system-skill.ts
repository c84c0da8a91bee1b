import type { Skill } from '../skill.js';

/** Something that can be ringing on the user's devices: alarms, finished timers. */
export interface RingingItems {
  /** Silences whatever of the user's is ringing now; returns what it silenced. */
  stopRinging(userId: string): Promise<readonly { id: string }[]>;
}

/**
 * stop / cancel / never mind: end the session quietly; nothing is said back. "Stop" while
 * an alarm rings or a timer just finished also silences it, on every device of the user.
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
      const stopped = silenced.length > 0 ? { stopped: silenced.map((item) => item.id) } : {};
      return { reply: { text: '' }, endSession: true, data: { sessionEnded: true, ...stopped } };
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
