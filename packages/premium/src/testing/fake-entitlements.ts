import type { Plan } from '@hark/contracts';
import type { PremiumEntitlements } from '../premium-entitlements.js';

export interface FakeEntitlementsState {
  features: Record<string, boolean>;
  switchedOff: string[];
  plans: Plan[];
  /** Quota name -> limit; a quota without one allows nothing, as in entitlements-client. */
  limits: Record<string, number>;
  used: Record<string, number>;
}

/** An in-memory stand-in for the entitlements client that records every call. */
export function fakeEntitlements(state: Partial<FakeEntitlementsState> = {}) {
  const s: FakeEntitlementsState = {
    features: {},
    switchedOff: [],
    plans: [],
    limits: {},
    used: {},
    ...state,
  };
  const calls: string[] = [];
  const left = (quota: string) => (s.limits[quota] ?? 0) - (s.used[quota] ?? 0);
  const entitlements: PremiumEntitlements = {
    async check(_userId, feature) {
      calls.push(`check ${feature}`);
      return s.features[feature] === true && !s.switchedOff.includes(feature);
    },
    async entitlements() {
      calls.push('entitlements');
      const features = Object.fromEntries(
        Object.entries(s.features).map(([name, on]) => [name, on && !s.switchedOff.includes(name)]),
      );
      return { features, switchedOff: s.switchedOff };
    },
    async plans() {
      calls.push('plans');
      return s.plans;
    },
    async usage(_userId, quota) {
      calls.push(`usage ${quota}`);
      return { limit: s.limits[quota] ?? 0, remaining: Math.max(0, left(quota)) };
    },
    async consume(_userId, quota, amount = 1) {
      calls.push(`consume ${quota} ${amount}`);
      const allowed = left(quota) >= amount;
      if (allowed) s.used[quota] = (s.used[quota] ?? 0) + amount;
      return { allowed, remaining: Math.max(0, left(quota)), period: '2026-11-26' };
    },
    async refund(_userId, quota, amount = 1, period) {
      calls.push(`refund ${quota} ${amount} ${period}`);
      s.used[quota] = Math.max(0, (s.used[quota] ?? 0) - amount);
      return { used: s.used[quota], period };
    },
  };
  return { entitlements, calls, state: s };
}
