import { type Skill, say } from '../skill.js';

/** Words of thanks, as opposed to an acknowledgement ("ok", "got it", "that's all"). */
const THANKING = /\b(thank|thanks|thx|ty|ta|cheers|appreciate|appreciated)\b/i;

/**
 * "thanks", "ok", "got it", "that's all": the exchange is over. Unlike never mind, which
 * ends it in silence, a short answer says it was heard. The slots are empty, so the reply
 * follows the words said ("You're welcome." to thanks, "Okay." to the rest).
 */
export const thanksSkill: Skill = {
  id: 'thanks',
  intents: ['system.thanks'],
  help: 'say thanks or ok to finish',
  handle(_intent, _slots, context) {
    const reply = THANKING.test(context.text ?? '') ? "You're welcome." : 'Okay.';
    return say(reply, { endSession: true, data: { sessionEnded: true } });
  },
};
