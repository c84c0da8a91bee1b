import type { IntentMatch, IntentName, SlotValue } from '@hark/contracts';
import type { RecognizeResult } from '@hark/nlu';
import { parseAnswer, parseChoice } from '@hark/nlu';
import type { FollowUp } from '@hark/skills';
import { isYes } from './clarify-turn.js';
import type { PendingQuestion } from './session-store.js';

export const FOLLOW_UP_TTL_MS = 60_000;

export const toPendingQuestion = (followUp: FollowUp, now: Date): PendingQuestion => ({
  ...followUp,
  expiresAt: now.getTime() + FOLLOW_UP_TTL_MS,
});

/** Kinds whose answers are short and typed; anything else that looks like a request is a request. */
const typedKinds = new Set<PendingQuestion['kind']>(['duration', 'clock_time', 'choice']);

function answerValue(text: string, pending: PendingQuestion, localNow: string): SlotValue | null {
  if (pending.readings?.length === 1 && isYes(text)) return 0;
  if (pending.kind === 'choice') {
    const index = parseChoice(text, pending.choices ?? []);
    return index === null ? null : (pending.choices?.[index]?.value ?? null);
  }
  return parseAnswer(text, pending.kind, { now: localNow });
}

/**
 * The intent a turn completes when it answers the pending question: "ten minutes" after
 * "For how long?" becomes timer.start with duration_seconds 600. Null when the text is not
 * an answer, or is better read as a new request, or the question expired.
 */
export function answerPendingQuestion(
  text: string,
  pending: PendingQuestion | null,
  recognized: RecognizeResult,
  now: Date,
  localNow: string,
): IntentMatch | null {
  if (!pending || pending.expiresAt <= now.getTime()) return null;
  if (recognized.intent && !typedKinds.has(pending.kind)) return null;
  // "cancel" / "never mind" are requests even when they could parse as an answer; "ok" and
  // "yes" (system.thanks on their own) answer a yes-or-no question.
  const name = recognized.intent?.name;
  if (name?.startsWith('system.') && name !== 'system.thanks') return null;
  const value = answerValue(text, pending, localNow);
  if (value === null) return null;
  if (pending.readings) {
    const picked = pending.readings[Number(value)];
    return picked ? { name: picked.intent as IntentName, confidence: 1, slots: picked.slots } : null;
  }
  return {
    name: pending.intent as IntentName,
    confidence: 1,
    slots: { ...pending.slots, [pending.slot]: value },
  };
}
