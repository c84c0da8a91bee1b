import type { AnswerKind, IntentName, Profile, Reply, Slots, SlotValue } from '@hark/contracts';

/** What every skill handler gets: who is asking, where and when. No HTTP in here. */
export interface SkillContext {
  userId: string;
  /** IANA zone already validated and resolved (request, else profile, else UTC). */
  timeZone: string;
  /** Canonical BCP 47 locale. */
  locale: string;
  now: Date;
  /** The device that asked, recorded on what the skill creates. */
  deviceId: string | null;
  profile: Profile;
  /** What the user said, when a person asked (not on tool calls): weather answers the question asked. */
  text?: string;
}

export type { AnswerKind } from '@hark/contracts';

/** One option of a "which one?" question: phrases that identify it, and the slot value it stands for. */
export interface FollowUpChoice {
  phrases: string[];
  value: SlotValue;
}

/**
 * A question back to the user ("For how long?", "Which timer?"). The router keeps it in the
 * session; when the next turn answers it, the router fills `slot` and calls the skill again
 * with `intent` and the merged slots. Any other request drops it.
 */
export interface FollowUp {
  intent: IntentName;
  slots: Slots;
  slot: string;
  kind: AnswerKind;
  choices?: FollowUpChoice[];
}

export interface SkillResult {
  reply: Reply;
  expectsReply?: boolean;
  data?: Record<string, unknown>;
  /** True when the turn should end the session (stop, cancel, never mind). */
  endSession?: boolean;
  /** Set when the skill asked a question; implies expectsReply. */
  followUp?: FollowUp;
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

/** A question that the next turn answers. */
export const ask = (
  question: string,
  followUp: FollowUp,
  extra: Omit<SkillResult, 'reply' | 'followUp'> = {},
): SkillResult => ({
  reply: { text: question, speech: question },
  expectsReply: true,
  followUp,
  ...extra,
});

/** A turn as a handler of a table-driven skill sees it: the skill's dependencies plus the request. */
export type SkillTurn<D> = D & { slots: Slots; context: SkillContext };

/**
 * A skill whose intents each have one handler in a table; the handlers get the skill's
 * dependencies with the turn's slots and context.
 */
export function skillFromHandlers<I extends IntentName, D>(spec: {
  id: string;
  help: string;
  handlers: Record<I, (turn: SkillTurn<D>) => SkillResult | Promise<SkillResult>>;
  dependencies: D;
}): Skill {
  const intents = Object.keys(spec.handlers) as I[];
  return {
    id: spec.id,
    intents,
    help: spec.help,
    handle(intent, slots, context) {
      const handler = spec.handlers[intent as I];
      if (!handler) throw new Error(`The ${spec.id} skill does not answer ${intent}`);
      return handler({ ...spec.dependencies, slots, context });
    },
  };
}
