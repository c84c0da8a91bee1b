import { FEATURES, LIMITS, type Plan } from '@hark/contracts';
import { planToOffer } from './plan-offer.js';
import type { PremiumEntitlements } from './premium-entitlements.js';

/**
 * What the premium path may do with text no skill matched (DESIGN "One request", step 5).
 * `plan` and `trial` go to the conversation service; a trial turn is taken there (turn-quota.ts),
 * when an answer is actually asked for, and never for a fallback reply.
 */
export type ConversationAccess =
  | { kind: 'plan' }
  | { kind: 'trial'; remaining: number }
  | { kind: 'switched-off' }
  | { kind: 'upsell'; plan: Plan; trialLimit: number }
  | { kind: 'none' };

/** Access that sends the turn to the conversation service. */
export type PremiumAccess = Extract<ConversationAccess, { kind: 'plan' | 'trial' }>;

export function allowsConversation(access: ConversationAccess): access is PremiumAccess {
  return access.kind === 'plan' || access.kind === 'trial';
}

/**
 * The premium gate: an operator's kill switch first, then the plan's conversation feature, then
 * free trial turns left this month; otherwise the plan to sell, if any plan with conversation is open.
 */
export async function conversationAccess(
  entitlements: PremiumEntitlements,
  userId: string,
): Promise<ConversationAccess> {
  const effective = await entitlements.entitlements(userId);
  if (effective.switchedOff.includes(FEATURES.conversation)) return { kind: 'switched-off' };
  if (effective.features[FEATURES.conversation]) return { kind: 'plan' };
  const trial = await entitlements.usage(userId, LIMITS.conversationTrialTurnsPerMonth);
  if (trial.remaining > 0) return { kind: 'trial', remaining: trial.remaining };
  const plan = planToOffer(await entitlements.plans(), FEATURES.conversation);
  return plan ? { kind: 'upsell', plan, trialLimit: trial.limit } : { kind: 'none' };
}
