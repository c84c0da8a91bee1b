import type { ConversationHints, ConversationStreamEvent, ConverseResponse, Profile } from '@hark/contracts';
import { errorCode } from '@hark/core';
import type { EntitlementsClient } from '@hark/entitlements-client';
import { budgetResumesOn } from '@hark/interactions';
import { giveTurnBack, llmBudgetOf, type PremiumAccess, type TurnQuota, takeTurn } from '@hark/premium';
import { type ConversationClient, ConversationFailure } from '../conversation/conversation-client.js';
import { unmatchedReply } from './unmatched-turn.js';

export interface PremiumTurnInput {
  userId: string;
  sessionId: string;
  /** The router made the session id for this turn (no memory can exist for it). */
  newSession: boolean;
  text: string;
  timeZone: string;
  locale: string;
  deviceId: string | null;
  profile: Profile;
  access: PremiumAccess;
  /** What the recogniser and the session say about the turn: the tools to offer first. */
  hints?: ConversationHints;
}

export interface PremiumDependencies {
  entitlements: EntitlementsClient;
  conversation: ConversationClient;
  /** When conversation comes back after a pause is the first day of the next UTC month. */
  now: () => Date;
}

type PremiumAnswer = Pick<ConverseResponse, 'handledBy' | 'reply' | 'data' | 'upsell'>;

const outOfTurns = (quota: TurnQuota): PremiumAnswer => {
  const text =
    "You've reached today's limit of conversation turns. Timers, weather and the other skills still work.";
  return { handledBy: 'fallback', reply: { text, speech: text }, data: { quota } };
};

const unreachable = (code: string): PremiumAnswer => {
  const text =
    "I can't reach my conversation service right now. Timers, weather and the other skills still work.";
  return { handledBy: 'fallback', reply: { text, speech: text }, data: { error: code } };
};

export const BUDGET_REACHED = errorCode('LLM_BUDGET_REACHED');

/**
 * The margin guard paused conversation (services/conversation/src/budget): an answer, not an error,
 * and no upsell (the user may well be paying). The day is said in the user's language and zone.
 */
export const budgetPaused = (now: Date, locale: string, timeZone: string): PremiumAnswer => {
  const resumesOn = budgetResumesOn(now);
  // The UTC month starts on the evening before west of Greenwich: the day is the user's own.
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone }).format(
    new Date(`${resumesOn}T00:00:00Z`),
  );
  const text =
    `You've used this month's conversation allowance; it comes back on ${day}. ` +
    'Timers, alarms, lists and the other skills still work.';
  return {
    handledBy: 'fallback',
    reply: { text, speech: text },
    data: { budget: { code: BUDGET_REACHED, step: 'paused', resumesOn, timeZone } },
  };
};

/**
 * An unmatched turn on the premium path: take one turn from the user's quota (packages/premium
 * turn-quota.ts says which), ask the conversation service, and give the turn back if no answer
 * came. An outage is a spoken reply, never an error page.
 */
export async function premiumTurn(
  deps: PremiumDependencies,
  input: PremiumTurnInput,
  emit: (event: Exclude<ConversationStreamEvent, { event: 'done' | 'error' }>) => void,
  signal: AbortSignal,
): Promise<PremiumAnswer> {
  const taken = await takeTurn(deps.entitlements, input.userId, input.access);
  if (taken.kind === 'day-used-up') return outOfTurns(taken.quota);
  // The last trial turn went to a concurrent request: the plain fallback reply.
  if (taken.kind === 'trial-used-up') return { handledBy: 'fallback', ...unmatchedReply({ kind: 'none' }) };
  const { access: _access, ...turn } = input;
  try {
    const [effective, plans] = await Promise.all([
      deps.entitlements.entitlements(input.userId),
      deps.entitlements.plans(),
    ]);
    // The margin guard's budget goes along signed; the conversation service enforces it. A plan
    // written before the limit existed gets the default for its price (packages/premium).
    const inForce = plans.find((candidate) => candidate.id === effective.planId);
    const llmBudgetMicroUsd = llmBudgetOf(inForce?.limits ?? effective.limits, inForce);
    const plan = { id: effective.planId, features: effective.features, llmBudgetMicroUsd };
    // The service believes only this signed grant, never the plan in the body (kept for older services).
    const grant = { plan, access: input.access.kind, quota: taken.quota, period: taken.period };
    const result = await deps.conversation.turn({ ...turn, plan }, emit, signal, grant);
    return {
      handledBy: 'llm',
      reply: result.reply,
      data: {
        model: result.model,
        usage: result.usage,
        costUsd: result.costUsd,
        tools: result.tools,
        quota: { name: taken.quota, remaining: taken.remaining },
      },
    };
  } catch (error) {
    await giveTurnBack(deps.entitlements, input.userId, taken);
    if (signal.aborted) throw error;
    // Paused by the budget: no trial or daily turn is spent (given back above), and no upsell.
    if (error instanceof ConversationFailure && error.code === BUDGET_REACHED)
      return budgetPaused(deps.now(), input.locale, input.timeZone);
    return unreachable(error instanceof ConversationFailure ? error.code : 'HARK_ERR_UPSTREAM_UNAVAILABLE');
  }
}
