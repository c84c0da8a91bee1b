import { FEATURES, type Plan } from '@hark/contracts';
import { planToOffer } from './plan-offer.js';
import type { PremiumEntitlements } from './premium-entitlements.js';

/** Server speech recognition (voice.stt): allowed, or an upsell with the plan to offer when one is open. */
export type TranscriptionAccess = { kind: 'allowed' } | { kind: 'upsell'; plan: Plan | null };

/** Whether the router may send a recording to be transcribed; plans are read only to sell one. */
export async function transcriptionAccess(
  entitlements: PremiumEntitlements,
  userId: string,
): Promise<TranscriptionAccess> {
  if (await entitlements.check(userId, FEATURES.voiceStt)) return { kind: 'allowed' };
  return { kind: 'upsell', plan: planToOffer(await entitlements.plans(), FEATURES.voiceStt) };
}

/** Spoken replies (voice.tts): an audio link beside the reply's text. */
export function maySpeakReplies(entitlements: PremiumEntitlements, userId: string): Promise<boolean> {
  return entitlements.check(userId, FEATURES.voiceTts);
}
