import type { IntentDefinition } from '../template-types.js';

/**
 * Conversation control. "stop the timer" and "turn off the alarm" also match a timer or
 * alarm intent: the skill intent wins on catalogue order and system.stop stays in the
 * alternatives, so a caller that knows something is ringing can prefer it.
 */
export const systemIntents: readonly IntentDefinition[] = [
  {
    intent: 'system.stop',
    templates: [
      'stop [it|that|this|now|ringing|talking]',
      'stop [the|that|my] (alarm|alarms|timer|ringing|noise|sound|music)',
      '(turn|switch) (it|that) off',
      '(turn|switch) off [the] (alarm|timer)',
      '(be quiet|quiet|shut up|silence|enough|halt|shush|hush|pipe down|that is enough)',
    ],
  },
  {
    intent: 'system.cancel',
    templates: ['cancel [it|that|this|that request]', 'abort [it|that]', 'forget (it|that)', 'scratch that'],
  },
  {
    intent: 'system.help',
    templates: [
      'help [me]',
      'i need help',
      'what (can|should) i (say|ask [you]|do)',
      'what [else] can you do',
      'what can you help [me] with',
      'how can you help [me]',
      'what (are your|do you have) (commands|skills|features|abilities)',
      'what do you do',
      'what are you able to do',
      'show me what you can do',
      'what commands (do you know|are there|can i use)',
      'how do i use (this|you)',
    ],
  },
  {
    intent: 'system.nevermind',
    templates: [
      'never mind [then|that|about it]',
      'forget about it',
      'nothing',
      'it is nothing',
      'no nothing',
    ],
  },
];
