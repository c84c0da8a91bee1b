/**
 * @hark/premium: the premium decision, in one place. It decides who may use the paid features of
 * the catalogue (FEATURES and LIMITS in @hark/contracts), over an injected entitlements reader:
 * - premium-gate.ts: may text no skill matched go to the conversation service (a plan with
 *   conversation, free trial turns left), or is it switched off, an upsell (which plan), or nothing;
 * - turn-quota.ts: which quota a premium turn takes (daily on a plan, the monthly trial otherwise),
 *   taking one and giving it back when no answer came;
 * - speech-access.ts: server speech recognition (voice.stt) and spoken replies (voice.tts).
 * Callers: the router's turns (turns/converse-turn.ts, unmatched-turn.ts, premium-turn.ts) and
 * voice (voice/voice-turn.ts), which keep only the wording of the replies.
 */
export * from './llm-budget.js';
export * from './plan-offer.js';
export * from './premium-entitlements.js';
export * from './premium-gate.js';
export * from './speech-access.js';
export * from './turn-quota.js';
