import type { EffectiveEntitlements, Plan } from '@hark/contracts';

/**
 * What the premium decision reads and counts: the part of packages/entitlements-client's
 * EntitlementsClient it uses, so the router passes its client and tests pass a stand-in.
 * Decisions here never touch Redis themselves.
 */
export interface PremiumEntitlements {
  check(userId: string, feature: string): Promise<boolean>;
  entitlements(userId: string): Promise<Pick<EffectiveEntitlements, 'features' | 'switchedOff'>>;
  plans(): Promise<Plan[]>;
  usage(userId: string, quota: string): Promise<{ limit: number; remaining: number }>;
  consume(
    userId: string,
    quota: string,
    amount?: number,
  ): Promise<{ allowed: boolean; remaining: number; period: string }>;
  refund(userId: string, quota: string, amount?: number, period?: string): Promise<unknown>;
}
