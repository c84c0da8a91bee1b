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
      'stop [it|that|this|now|ringing|talking|everything|the noise|beeping|buzzing|stop]',
      'stop [the|that|my] (alarm|alarms|timer|ringing|noise|sound|music|beeping|buzzing)',
      '(turn|switch|shut) (it|that) off',
      '(turn|switch|shut) off [the] (alarm|timer|noise|sound)',
      '(be quiet|quiet|shut up|silence|enough|enough already|halt|shush|hush|shh|pipe down|that is enough|off|cut it out|knock it off)',
      'stop [it|that|this] [(it is|that is|you are)] too loud',
      'stop (reading|talking) [(that|it) [out]]',
    ],
  },
  {
    intent: 'system.cancel',
    templates: [
      '[no] cancel [it|that|this|that request|the request|everything]',
      'abort [it|that]',
      'forget (it|that)',
      'scratch that',
      'do not do (that|anything)',
      '(quit|exit) [it|that|this]',
      'cancel (operation|the operation|that one)',
      'take that back',
    ],
  },
  {
    intent: 'system.help',
    templates: [
      'help',
      'help me',
      'i need help',
      'what (can|should) i (say|ask [you]|do) [with you|here]',
      'what are some (things|of the things) (you can do|i can ask [you]|i can say)',
      'what [else] can you do',
      'what can you help [me] (with|do)',
      'what do you know how to do',
      'how can you help [me]',
      'what (are your|do you have) (commands|skills|features|abilities|options)',
      'what do you do',
      'what are you (able to do|capable of|good for|good at)',
      'what (kind of|sort of) things can you do',
      'show me what you can do',
      'what commands (do you know|are there|can i use|do you understand|do you have)',
      'i do not know what to (say|do|ask)',
      '(list|show me) [the|your] commands',
      'how do i use (this|you|hark)',
      'how (does|do) (this|you) work',
      'give me [some|an] (examples|example|ideas)',
      '[the] instructions',
      'how does this (speaker|thing|device) work',
    ],
  },
  {
    intent: 'system.nevermind',
    templates: [
      'never mind [then|that|about it|it|forget it|i am good|i am fine|i am ok]',
      'forget about it',
      '(forget it|forget about it) never mind',
      'nothing [else]',
      'it is nothing',
      '(no|nope|nah) [nothing|thanks|thank you]',
      'not now',
      'i am (good|fine|done|ok|okay)',
      'all done',
      'ignore (that|me)',
      'i was not talking to you',
      '(nvm|nevermind|nemmind|nvmd)',
      '[i] changed my mind',
      '(no|nope|nah) (i am (good|fine|ok|okay|all good)|all good|it is (fine|ok|okay))',
    ],
  },
  {
    // Thanks and acknowledgements end the exchange with a short answer; "that's all" too (it
    // was system.nevermind, which ends it in silence). "No thanks" stays system.nevermind.
    // A trailing "now" is a filler, so "that's all for now" arrives as "that is all for".
    intent: 'system.thanks',
    templates: [
      '<thanks> [<thanks>]',
      '<ack> [<ack>] [<thanks>]',
      '[no|nope|ok|okay] that (is|will be|was|would be) (all|it|everything) [for [now|today]] [<thanks>]',
      '(thanks|thank you) (again|for (that|this|the help|your help|helping [me]|everything|all (that|your help)))',
      '(that is|that was) (great|perfect|good|fine|helpful|very helpful|awesome|brilliant|lovely|wonderful)',
    ],
  },
];
