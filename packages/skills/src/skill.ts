import type { IntentName, Reply, Slots } from '@hark/contracts';

/** What every skill handler gets: who is asking, where and when. No HTTP in here. */
export interface SkillContext {
  userId: string;
  /** IANA zone already validated and resolved (request, else user default, else UTC). */
  timeZone: string;
  /** Canonical BCP 47 locale. */
  locale: string;
  now: Date;
}

export interface SkillResult {
  reply: Reply;
  expectsReply?: boolean;
  data?: Record<string, unknown>;
  /** True when the turn should end the session (stop, cancel, never mind). */
  endSession?: boolean;
}

/**
 * One skill: the intents it answers, one help line (system.help is built from these),
 * and a handler. The same handler serves the free path and, later, LLM tool calls.
 */
export interface Skill {
  id: string;
  intents: readonly IntentName[];
  /** A sentence for "what can you do", e.g. "tell the time anywhere: what time is it in Tokyo". */
  help: string;
  handle(intent: IntentName, slots: Slots, context: SkillContext): Promise<SkillResult> | SkillResult;
}

/** Same text for screen and voice; the common case for short factual replies. */
export const say = (text: string, extra: Omit<SkillResult, 'reply'> = {}): SkillResult => ({
  reply: { text, speech: text },
  ...extra,
});
