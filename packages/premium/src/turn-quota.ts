import { LIMITS } from '@hark/contracts';
import type { PremiumEntitlements } from './premium-entitlements.js';
import type { PremiumAccess } from './premium-gate.js';

/** The quotas a premium turn counts against. */
export type TurnQuota = typeof LIMITS.conversationTurnsPerDay | typeof LIMITS.conversationTrialTurnsPerMonth;

/** A plan with conversation spends its daily turns; everyone else the free trial's monthly ones. */
export function turnQuotaFor(access: PremiumAccess): TurnQuota {
  return access.kind === 'plan' ? LIMITS.conversationTurnsPerDay : LIMITS.conversationTrialTurnsPerMonth;
}

/** One turn taken from a quota, to give back (giveTurnBack) if no answer comes. */
export interface TakenTurn {
  kind: 'taken';
  quota: TurnQuota;
  remaining: number;
  /** The period it was counted in, so a refund after midnight goes back to the same day. */
  period: string;
}

export type TurnTaking =
  | TakenTurn
  /** A plan's turns for today are spent. */
  | { kind: 'day-used-up'; quota: TurnQuota }
  /** The last trial turn went to a concurrent request after the gate saw one left. */
  | { kind: 'trial-used-up'; quota: TurnQuota };

/** Takes one turn from the quota the access spends; nothing is taken when none is left. */
export async function takeTurn(
  entitlements: PremiumEntitlements,
  userId: string,
  access: PremiumAccess,
): Promise<TurnTaking> {
  const quota = turnQuotaFor(access);
  const taken = await entitlements.consume(userId, quota, 1);
  if (!taken.allowed) return { kind: access.kind === 'plan' ? 'day-used-up' : 'trial-used-up', quota };
  return { kind: 'taken', quota, remaining: taken.remaining, period: taken.period };
}

/** Gives a taken turn back, when the conversation service produced no answer for it. */
export async function giveTurnBack(
  entitlements: PremiumEntitlements,
  userId: string,
  turn: TakenTurn,
): Promise<void> {
  await entitlements.refund(userId, turn.quota, 1, turn.period);
}
