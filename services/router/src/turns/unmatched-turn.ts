import type { Plan, Reply, Upsell } from '@hark/contracts';
import type { EntitlementsClient } from '@hark/entitlements-client';

export const CONVERSATION_FEATURE = 'conversation';
export const TRIAL_QUOTA = 'conversation.trial_turns_per_month';
/** The entitlement service's checkout route, proxied by the router (one base URL for clients). */
export const CHECKOUT_PATH = '/v1/billing/checkout';

/**
 * What the premium path may do with text no skill matched (DESIGN "One request", step 5).
 * `plan` and `trial` go to the conversation service once it exists; a trial turn is consumed
 * there, when an answer is actually produced, and never for a fallback reply.
 */
export type ConversationAccess =
  | { kind: 'plan' }
  | { kind: 'trial'; remaining: number }
  | { kind: 'switched-off' }
  | { kind: 'upsell'; plan: Plan; trialLimit: number }
  | { kind: 'none' };

/** The plan to offer: the cheapest one open for subscriptions, with a price, that has the feature. */
export function planToOffer(plans: readonly Plan[], feature: string): Plan | null {
  const offers = plans.filter((plan) => plan.enabled && plan.price && plan.features[feature] === true);
  offers.sort((a, b) => (a.price?.amount ?? 0) - (b.price?.amount ?? 0));
  return offers[0] ?? null;
}

export async function conversationAccess(
  entitlements: EntitlementsClient,
  userId: string,
): Promise<ConversationAccess> {
  const effective = await entitlements.entitlements(userId);
  if (effective.switchedOff.includes(CONVERSATION_FEATURE)) return { kind: 'switched-off' };
  if (effective.features[CONVERSATION_FEATURE]) return { kind: 'plan' };
  const trial = await entitlements.usage(userId, TRIAL_QUOTA);
  if (trial.remaining > 0) return { kind: 'trial', remaining: trial.remaining };
  const plan = planToOffer(await entitlements.plans(), CONVERSATION_FEATURE);
  return plan ? { kind: 'upsell', plan, trialLimit: trial.limit } : { kind: 'none' };
}

/** The reply when no skill matched; the premium path will take the turn over later. */
export const fallbackReply: Reply = {
  text: 'Sorry, I can\'t help with that yet. Say "help" to hear what I can do.',
  speech: "Sorry, I can't help with that yet. Say help to hear what I can do.",
};

const pausedReply: Reply = {
  text: 'Open conversation is paused right now. Timers, alarms, reminders, weather and lists still work.',
};

function formatPrice(price: NonNullable<Plan['price']>): string {
  const amount = new Intl.NumberFormat('en', { style: 'currency', currency: price.currency.toUpperCase() });
  return `${amount.format(price.amount / 100)} a ${price.interval}`;
}

function upsellReply(plan: Plan, trialLimit: number): { reply: Reply; upsell: Upsell } {
  const used =
    trialLimit > 0
      ? `You've used your ${trialLimit} free conversation turns this month.`
      : "Your plan doesn't include open conversation.";
  const text = `I can't answer that with the free skills. ${used} ${plan.name} answers questions like this one.`;
  const price = plan.price ? ` (${formatPrice(plan.price)})` : '';
  return {
    reply: { text, speech: text },
    upsell: {
      feature: CONVERSATION_FEATURE,
      message: `Upgrade to ${plan.name}${price} for open conversation and more turns.`,
      plan: plan.id,
      checkoutPath: CHECKOUT_PATH,
    },
  };
}

/** The reply (and upsell, when there is something to sell) for a turn no skill matched. */
export function unmatchedReply(access: ConversationAccess): { reply: Reply; upsell?: Upsell } {
  switch (access.kind) {
    case 'upsell':
      return upsellReply(access.plan, access.trialLimit);
    case 'switched-off':
      return { reply: { ...pausedReply, speech: pausedReply.text } };
    default:
      return { reply: fallbackReply };
  }
}
