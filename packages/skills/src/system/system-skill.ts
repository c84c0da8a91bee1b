import type { Skill } from '../skill.js';

/** stop / cancel / never mind: end the session quietly; nothing is said back. */
export const endSessionSkill: Skill = {
  id: 'end-session',
  intents: ['system.stop', 'system.cancel', 'system.nevermind'],
  help: 'stop, cancel or never mind to end the conversation',
  handle: () => ({ reply: { text: '' }, endSession: true, data: { sessionEnded: true } }),
};

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
