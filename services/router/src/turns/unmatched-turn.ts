import { FEATURES, type Plan, type Reply, type Upsell } from '@hark/contracts';
import type { ConversationAccess } from '@hark/premium';

/**
 * The wording of a turn no skill matched and the premium path did not take; who may take that
 * path is decided in packages/premium (premium-gate.ts).
 */

/** The entitlement service's checkout route, proxied by the router (one base URL for clients). */
export const CHECKOUT_PATH = '/v1/billing/checkout';

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
      feature: FEATURES.conversation,
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
