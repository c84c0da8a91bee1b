import type { ConversationStreamEvent, ConverseResponse, Profile } from '@hark/contracts';
import type { EntitlementsClient } from '@hark/entitlements-client';
import { giveTurnBack, type PremiumAccess, type TurnQuota, takeTurn } from '@hark/premium';
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
}

export interface PremiumDependencies {
  entitlements: EntitlementsClient;
  conversation: ConversationClient;
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
    const effective = await deps.entitlements.entitlements(input.userId);
    const plan = { id: effective.planId, features: effective.features };
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
    return unreachable(error instanceof ConversationFailure ? error.code : 'HARK_ERR_UPSTREAM_UNAVAILABLE');
  }
}
